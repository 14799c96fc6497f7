import { join } from 'node:path';
import { findHostSchedules } from './find-host-schedules.js';
import type { HostLayout } from './host-layout.js';
import type { Journal } from './journal.js';
import { moveFile } from './move-file.js';
import { pathExists } from './path-exists.js';
import { PAUSE_SCHEDULES_STEP, pausedCronFile } from './paused-cron-file.js';
import { planSchedulePause, type PausedSchedule } from './plan-schedule-pause.js';
import type { ServicePort } from './service-port.js';
import type { TimeWindow } from './time-window.js';

export interface PauseSchedulesOptions {
  layout: HostLayout;
  rolloutId: string;
  journal: Journal;
  services: ServicePort;
  window: TimeWindow;
  /** The zone cron and timers read their schedules in; default: this host's. */
  timeZone?: string;
}

/**
 * Pauses the host's schedules that would fire inside the window: a cron.d file moves to `var/lib/dten/paused/`,
 * a timer is stopped. The plan is journaled before anything moves, so a rerun after a kill finishes that same
 * plan instead of looking again (by then the moved files are no longer where it would look).
 */
export async function pauseSchedules(options: PauseSchedulesOptions): Promise<PausedSchedule[]> {
  const { layout, journal } = options;
  if (journal.hasDone(PAUSE_SCHEDULES_STEP)) return journal.lastData<PausedSchedule[]>(PAUSE_SCHEDULES_STEP) ?? [];
  let plan = journal.lastData<PausedSchedule[]>(PAUSE_SCHEDULES_STEP);
  if (plan === undefined) {
    const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    plan = await planSchedulePause(await findHostSchedules(layout), options.window, timeZone, options.services);
    await journal.record(PAUSE_SCHEDULES_STEP, 'started', plan);
  }
  for (const item of plan) {
    if (item.kind === 'timer') {
      await options.services.stop(item.name);
      continue;
    }
    const live = join(layout.cronDir, item.name);
    if (await pathExists(live)) await moveFile(live, pausedCronFile(layout, options.rolloutId, item.name));
  }
  await journal.record(PAUSE_SCHEDULES_STEP, 'done', plan);
  return plan;
}
