import type { ScheduledTask } from './scheduled-task.js';

/** The finding's message for a task, and how to pause it (for the remediation). */
export function explainScheduledTask(task: ScheduledTask): { message: string; pause: string } {
  const { message, pause } = explainKind(task);
  return { message: task.note === undefined ? message : `${message} ${task.note}`, pause };
}

function explainKind(task: ScheduledTask): { message: string; pause: string } {
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
        pause: task.windowsTool === 'powershell' ? pauseWithPowerShell(task.name) : pauseWithSchtasks(task.name),
      };
  }
}

function explainWindowsTask(task: ScheduledTask, runs: string): string {
  const verb = task.windowsTool === 'powershell' ? 'registers' : 'creates';
  const creates = `This script ${verb} the Windows scheduled task "${task.name ?? '(unnamed)'}"`;
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

function pauseWithSchtasks(name: string | undefined): string {
  return `schtasks /change /tn "${name ?? '…'}" /disable, then /enable`;
}

/** `\Vendor\Backup` is the task `Backup` in the folder `\Vendor\`, which the ScheduledTasks cmdlets take apart. */
function pauseWithPowerShell(name: string | undefined): string {
  const folder = name?.includes('\\') ? name.slice(0, name.lastIndexOf('\\') + 1) : '';
  const task = `-TaskName "${(name ?? '…').slice(folder.length)}"${folder ? ` -TaskPath "${folder}"` : ''}`;
  return `Disable-ScheduledTask ${task}, then Enable-ScheduledTask ${task}`;
}
