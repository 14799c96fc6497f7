import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { findScheduledTasks } from '../../preflight/detectors/scheduled-task/find-scheduled-tasks.js';
import type { ScheduledTask } from '../../preflight/detectors/scheduled-task/scheduled-task.js';
import type { HostLayout } from './host-layout.js';

/** A cron.d file (paused by moving the whole file) or a timer unit (paused through the service port). */
export interface HostSchedule {
  kind: 'cron-file' | 'timer';
  /** The file name in `etc/cron.d/`, or the timer unit's name. */
  name: string;
  tasks: ScheduledTask[];
}

/** The scheduled tasks installed under the root: `etc/cron.d/*` and `etc/systemd/system/*.timer`. */
export async function findHostSchedules(layout: HostLayout): Promise<HostSchedule[]> {
  const read = async (dir: string, name: string): Promise<ScheduledTask[]> => {
    const file = join(dir, name);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    return text === undefined ? [] : findScheduledTasks(relative(layout.root, file), text, 1);
  };
  const schedules: HostSchedule[] = [];
  for (const name of await listFiles(layout.cronDir)) {
    // cron itself skips names with dots (editor backups, `.dpkg-old`); so do we.
    if (/^[\w-]+$/.test(name)) schedules.push({ kind: 'cron-file', name, tasks: await read(layout.cronDir, name) });
  }
  for (const name of await listFiles(layout.systemdDir)) {
    if (name.endsWith('.timer')) schedules.push({ kind: 'timer', name, tasks: await read(layout.systemdDir, name) });
  }
  return schedules.filter((schedule) => schedule.tasks.length > 0);
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
}
