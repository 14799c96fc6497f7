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
    const options = readOptions(optionsText(line.slice(0, match.index), match[1] ?? ''));
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

/**
 * The options after `schtasks /create`, up to the quote that closes a string the command sits in (`powershell
 * -Command "schtasks /create … /st 03:00"`, `pwsh -c 'schtasks …'`), quotes escaped in it (`\"`, `""`) read as
 * quotes. `cmd /c "…"` drops the line's last quote only, as cmd does, so the quotes inside stay as they are.
 */
function optionsText(before: string, after: string): string {
  if (/\bcmd(?:\.exe)?\s+\/[ck]\s+"$/i.test(before)) {
    const last = after.lastIndexOf('"');
    return last < 0 ? after : after.slice(0, last);
  }
  const quote = openQuote(before);
  if (quote === '') return after;
  let text = '';
  for (let index = 0; index < after.length; index++) {
    if (isEscapedQuote(after, index, quote)) text += after.charAt(++index);
    else if (after.charAt(index) === quote) break;
    else text += after.charAt(index);
  }
  return text;
}

/** The quote left open at the end of `text`, else `''`; a single quote opens only where a word starts. */
function openQuote(text: string): string {
  let quote = '';
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    if (quote === '') {
      if (char === '"' || (char === "'" && /^$|[\s(=,]/.test(text.charAt(index - 1)))) quote = char;
    } else if (isEscapedQuote(text, index, quote)) {
      index++;
    } else if (char === quote) {
      quote = '';
    }
  }
  return quote;
}

/** A quote doubled, or in double quotes one after a backslash (Windows arguments) or a backtick (PowerShell). */
function isEscapedQuote(text: string, index: number, quote: string): boolean {
  const char = text.charAt(index);
  return text.charAt(index + 1) === quote && (char === quote || (quote === '"' && (char === '\\' || char === '`')));
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
