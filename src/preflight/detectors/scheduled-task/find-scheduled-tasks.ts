import { classifyPath } from '../text-scan/classify-path.js';
import { isCommentLine } from '../text-scan/is-comment-line.js';
import { displayCommand } from './display-command.js';
import { findAtJobs } from './find-at-jobs.js';
import { findCrontabInstalls } from './find-crontab-installs.js';
import { findPowerShellInvocations } from './find-powershell-invocations.js';
import { findPowerShellTasks } from './find-powershell-tasks.js';
import { findTimerUnit } from './find-timer-unit.js';
import { findWindowsTasks } from './find-windows-tasks.js';
import { parseCrontabLine } from './parse-crontab-line.js';
import type { ScheduledTask } from './scheduled-task.js';

/** One native pass over the text decides whether the line-by-line search for installs can find anything at all. */
const MAY_INSTALL = /crontab|cron\.d\/|schtasks|register-scheduledtask|powershell|pwsh|\bat\b|\bbatch\b/i;

const SCHTASKS = /schtasks/i;
const REGISTER_TASK = /register-scheduledtask/i;
const RUNS_POWERSHELL = /powershell|pwsh/i;

const PERIOD_CRON = { hourly: '@hourly', daily: '@daily', weekly: '@weekly', monthly: '@monthly' } as const;

/** Every scheduled task in one text (or one segment of it, `firstLine` being its first line number). */
export function findScheduledTasks(path: string, text: string, firstLine: number): ScheduledTask[] {
  const traits = classifyPath(path);
  if (traits.documentation) return [];
  const scriptOnly = !traits.crontab && !traits.unit && !traits.cronPeriod && !path.endsWith('.timer');
  if (scriptOnly && !MAY_INSTALL.test(text)) return [];
  const lines = text.split(/\r?\n/);
  const code = lines.map((line) => (isCommentLine(line) ? '' : line));
  const tasks: ScheduledTask[] = [];
  if (traits.crontab) tasks.push(...findCrontabLines(lines, firstLine, path, traits.systemCrontab));
  if (path.endsWith('.timer')) tasks.push(...findTimerUnit(code, firstLine, path));
  if (traits.cronPeriod && firstLine === 1) tasks.push(cronDirectoryTask(path, traits.cronPeriod));
  if (!traits.crontab && !traits.unit) {
    tasks.push(...findCrontabInstalls(code, firstLine, path));
    tasks.push(...findAtJobs(code, firstLine, path));
    // One native pass over the whole text instead of each finder's regex on every line of a script without them.
    if (SCHTASKS.test(text)) tasks.push(...findWindowsTasks(code, firstLine, path));
    tasks.push(...findPowerShellRegistrations(text, lines, firstLine, path));
  }
  // A PowerShell registration's command is shown already: one value, named by many registrations, is shown once.
  return tasks.map((task) =>
    task.windowsTool === 'powershell' ? task : { ...task, command: displayCommand(task.command) },
  );
}

/**
 * Tasks registered with PowerShell, in the file's own code (read as PowerShell whatever the file: a heredoc into
 * `pwsh` holds it too) and in what it hands to `powershell -Command` or `-EncodedCommand` (an encoded one names
 * nothing in the clear). A task inside a multi-line `pwsh -c '…'` is reported once, at the line that runs it.
 */
function findPowerShellRegistrations(text: string, lines: string[], firstLine: number, path: string): ScheduledTask[] {
  const invoked = RUNS_POWERSHELL.test(text) ? findPowerShellInvocations(lines, firstLine, path) : undefined;
  // PowerShell's own reading: a `<# … #>` help block can hold lines that look like `#` comments but end it.
  const own = REGISTER_TASK.test(text) ? findPowerShellTasks(lines, firstLine, path) : [];
  const invokedLines = new Set<number>();
  for (const { first, last } of invoked?.spans ?? [])
    for (let line = first; line <= last; line++) invokedLines.add(line);
  return [...own.filter((task) => !invokedLines.has(task.line)), ...(invoked?.tasks ?? [])];
}

function findCrontabLines(lines: string[], firstLine: number, path: string, withUser: boolean): ScheduledTask[] {
  return lines.flatMap((line, index) => {
    const entry = parseCrontabLine(line, withUser);
    return entry ? [{ kind: 'crontab' as const, ...entry, path, line: firstLine + index }] : [];
  });
}

function cronDirectoryTask(path: string, period: keyof typeof PERIOD_CRON): ScheduledTask {
  const name = path.split(/[/!]/).pop() ?? path;
  const description = period === 'daily' ? 'every day' : `every ${period.replace(/ly$/, '')}`;
  return { kind: 'cron-directory', schedule: PERIOD_CRON[period], description, command: name, path, line: 1, name };
}
