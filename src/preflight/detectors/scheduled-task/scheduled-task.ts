export type ScheduledTaskKind = 'crontab' | 'cron-directory' | 'systemd-timer' | 'at' | 'windows-task';

/** Something the package would run on a schedule; issue 3's agent pauses these for the window. */
export interface ScheduledTask {
  kind: ScheduledTaskKind;
  /** The schedule as written: `0 2 * * *`, `OnCalendar=daily`, `now + 5 minutes`, `batch`, `/sc DAILY /st 02:00`. */
  schedule: string;
  /** The schedule in words, starting lower-case so it reads inside a sentence: `at 02:00, Monday through Friday`. */
  description: string;
  /** What it runs, for display: shortened, inline credentials masked. */
  command: string;
  path: string;
  line: number;
  /** What to pause it by, where there is such a name: the timer unit, the Windows task, the cron.d file. */
  name?: string;
  /** The account it runs as, when the schedule says (system crontabs, `schtasks /ru`, `-User`, `-Principal`). */
  user?: string;
  /** What a Windows task is registered with, and so paused with: PowerShell's ScheduledTasks module, else schtasks. */
  windowsTool?: 'powershell';
  /**
   * The file that defines the task, what it runs and when, where the script names one (`schtasks /create /xml`,
   * `Register-ScheduledTask -Xml`).
   */
  definition?: string;
  /** Where the package holds `definition`; when dten could read it, `command` and `description` come from it. */
  definitionFound?: { path: string; read: boolean };
  /** Sentences the message ends with: where dten read the task from, or why PowerShell would refuse the script. */
  note?: string;
}
