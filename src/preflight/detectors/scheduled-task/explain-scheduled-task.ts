import type { ScheduledTask } from './scheduled-task.js';

/** The finding's message for a task, and how to pause it (for the remediation). */
export function explainScheduledTask(task: ScheduledTask): { message: string; pause: string } {
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
        // `batch` is its own command; every other schedule is what follows `at`.
        message: `This script queues an at job that runs ${runs} (${/^batch\b/.test(task.schedule) ? '' : 'at '}${task.schedule}).`,
        pause: 'atq lists it and atrm removes it if it would fire inside the window',
      };
    case 'windows-task':
      return {
        message: explainWindowsTask(task, runs),
        pause: `schtasks /change /tn "${task.name ?? '…'}" /disable, then /enable`,
      };
  }
}

function explainWindowsTask(task: ScheduledTask, runs: string): string {
  const creates = `This script creates the Windows scheduled task "${task.name ?? '(unnamed)'}"`;
  if (task.definition === undefined) return `${creates}, which runs ${runs}.`;
  const fromXml = `from the XML file "${task.definition}"`;
  const found = task.definitionFound;
  if (found?.read) return `${creates} ${fromXml} (${found.path} in the package), which runs ${runs}.`;
  // The file is not in the package, or dten cannot read it: what it runs and when are for a person to read there.
  return (
    `${creates}${task.user ? ` as ${task.user}` : ''} ${fromXml}; ` +
    'what it runs and its schedule are defined in that file, so read its <Actions> and <Triggers> there.' +
    (found ? ` The package holds it as ${found.path}, which dten could not read as a Task Scheduler definition.` : '')
  );
}
