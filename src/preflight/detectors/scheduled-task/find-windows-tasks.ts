import { describeWindowsSchedule } from './describe-windows-schedule.js';
import type { ScheduledTask } from './scheduled-task.js';

const SCHTASKS_CREATE = /\bschtasks(?:\.exe)?\s+\/create\b(.*)$/i;
const TOKEN = /"([^"]*)"|'([^']*)'|(\S+)/g;
const SCHEDULE_OPTIONS = ['xml', 'sc', 'mo', 'd', 'm', 'i', 'st', 'sd', 'ri', 'du'];

/**
 * Windows scheduled tasks a script creates: `schtasks /create /tn Backup /tr backup.cmd /sc DAILY /st 02:00`, or
 * `schtasks /create /xml task.xml /tn Backup`, whose actions and triggers are in the XML file.
 */
export function findWindowsTasks(lines: readonly string[], firstLine: number, path: string): ScheduledTask[] {
  return lines.flatMap((line, index) => {
    const match = SCHTASKS_CREATE.exec(line);
    if (!match) return [];
    const options = readOptions(match[1] ?? '');
    const schedule = SCHEDULE_OPTIONS.filter((name) => options[name] !== undefined)
      .map((name) => `/${name} ${options[name]}`)
      .join(' ');
    const xml = options.xml;
    const task: ScheduledTask = {
      kind: 'windows-task',
      schedule,
      description: xml ? `on the schedule defined in ${xml}` : describeWindowsSchedule(options),
      command: options.tr ?? (xml ? `(defined in ${xml})` : '(no /tr given)'),
      path,
      line: firstLine + index,
    };
    if (xml) task.definition = xml;
    if (options.tn !== undefined) task.name = options.tn;
    if (options.ru !== undefined) task.user = options.ru;
    return [task];
  });
}

/** `/name value` pairs, lower-case names; the password (`/rp`) is read but never kept. */
function readOptions(text: string): Record<string, string> {
  const tokens = [...text.matchAll(TOKEN)].map((token) => token[1] ?? token[2] ?? token[3] ?? '');
  const options: Record<string, string> = {};
  for (let index = 0; index < tokens.length; index++) {
    const name = /^\/([a-z]+)$/i.exec(tokens[index] ?? '')?.[1]?.toLowerCase();
    if (name === undefined) continue;
    const value = tokens[index + 1];
    const hasValue = value !== undefined && !/^\/[a-z]+$/i.test(value);
    if (name !== 'rp') options[name] = hasValue ? value : '';
    if (hasValue) index++;
  }
  return options;
}
