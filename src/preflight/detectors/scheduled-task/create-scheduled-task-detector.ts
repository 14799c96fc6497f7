import type { Finding } from '../../../core/findings/finding.js';
import type { DetectorFactory } from '../../detector.js';
import { findScheduledTasks } from './find-scheduled-tasks.js';
import type { ScheduledTask } from './scheduled-task.js';

const AFTERWARDS = "dten's install pauses it and its cleanup restores it.";

/** Reports every task the package would schedule, so it can be paused for the maintenance window. */
export const createScheduledTaskDetector: DetectorFactory = () => ({
  id: 'scheduled-task',
  scanText: (file) => findScheduledTasks(file.meta.path, file.text, file.firstLine).map(describeTask),
});

function describeTask(task: ScheduledTask): Finding {
  const { message, pause } = explain(task);
  return {
    category: 'scheduled-task',
    severity: 'warning',
    rule: `scheduled-task/${task.kind}`,
    path: task.path,
    line: task.line,
    message,
    remediation: `Pause it for the maintenance window (${pause}) and restore it afterwards; ${AFTERWARDS}`,
    evidence: task.schedule,
  };
}

function explain(task: ScheduledTask): { message: string; pause: string } {
  const runs = `"${task.command}"${task.user ? ` as ${task.user}` : ''} ${task.description}`;
  switch (task.kind) {
    case 'crontab':
      return {
        message: `A cron job runs ${runs} (${task.schedule}).`,
        pause: 'comment the line out on the hosts',
      };
    case 'cron-directory':
      return {
        message: `Cron runs this script ${task.description}: it sits in cron.${task.schedule.slice(1)}.`,
        pause: 'remove its execute bit; run-parts skips it then',
      };
    case 'systemd-timer':
      return {
        message: `The timer ${task.name ?? ''} starts ${task.command} ${task.description} (${task.schedule}).`,
        pause: `systemctl stop ${task.name ?? 'the timer'}, then systemctl start it`,
      };
    case 'at':
      return {
        message: `This script queues an at job that runs ${runs} (at ${task.schedule}).`,
        pause: 'atq lists it and atrm removes it if it would fire inside the window',
      };
    case 'windows-task': {
      const creates = `This script creates the Windows scheduled task "${task.name ?? '(unnamed)'}"`;
      return {
        // A task created from XML (`/xml`) has its actions and triggers in that file, not on the command line.
        message:
          task.definition === undefined
            ? `${creates}, which runs ${runs}.`
            : `${creates}${task.user ? ` as ${task.user}` : ''} from the XML file "${task.definition}"; ` +
              'what it runs and its schedule are defined in that file, so read its <Actions> and <Triggers> there.',
        pause: `schtasks /change /tn "${task.name ?? '…'}" /disable, then /enable`,
      };
    }
  }
}
