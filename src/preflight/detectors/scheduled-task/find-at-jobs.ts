import type { ScheduledTask } from './scheduled-task.js';

const AT_COMMAND = /(^|[;&|(]|\$\()\s*(?:sudo\s+(?:-\S+\s+)*)?at\s+([^;&|<>)#]+)(.*)$/;
const TIME_WORD = /^(now|noon|midnight|teatime|today|tomorrow|\d{1,2}(:\d{2})?(am|pm)?|\d{3,4}(am|pm)?)$/i;
const ECHOED = /\b(?:echo|printf)\s+(?:-[neE]+\s+)?(["'])(.*?)\1\s*\|\s*(?:sudo\s+)?at\s/;

/** `at` jobs a script queues: `at now + 5 minutes <<EOF`, `echo "cmd" | at 02:00`, `at -f job.sh midnight`. */
export function findAtJobs(lines: readonly string[], firstLine: number, path: string): ScheduledTask[] {
  const tasks: ScheduledTask[] = [];
  lines.forEach((line, index) => {
    const match = AT_COMMAND.exec(line);
    if (!match) return;
    const tokens = (match[2] ?? '').trim().split(/\s+/);
    let at = 0;
    let file: string | undefined;
    let stamp: string | undefined;
    for (; tokens[at]?.startsWith('-'); at++) {
      if (/^-[cdlr]$/.test(tokens[at] ?? '')) return; // prints, removes or lists jobs: queues none
      if (/^-[fqt]$/.test(tokens[at] ?? '')) at++;
      if (tokens[at - 1] === '-f') file = tokens[at];
      if (tokens[at - 1] === '-t') stamp = tokens[at];
    }
    const stampWords = stamp === undefined ? undefined : describeAtStamp(stamp);
    if (stampWords === undefined && !TIME_WORD.test(tokens[at] ?? '')) return;
    const schedule = stamp === undefined ? tokens.slice(at).join(' ') : `-t ${stamp}`;
    const command = file ?? ECHOED.exec(line)?.[2] ?? heredocBody(match[3] ?? '', lines, index);
    const description = stampWords ?? describeAtTime(schedule);
    tasks.push({ kind: 'at', schedule, description, command, path, line: firstLine + index });
  });
  return tasks;
}

function heredocBody(rest: string, lines: readonly string[], index: number): string {
  if (!rest.includes('<<')) return '(commands read from standard input)';
  return lines[index + 1]?.trim() || '(commands read from standard input)';
}

function describeAtTime(spec: string): string {
  const relative = /^now\s*\+\s*(\d+)\s*(minute|hour|day|week)s?$/i.exec(spec);
  if (relative)
    return `once, ${relative[1]} ${relative[2]?.toLowerCase()}${relative[1] === '1' ? '' : 's'} after the script runs`;
  return spec.toLowerCase() === 'now' ? 'once, as soon as the script queues it' : `once, at ${spec}`;
}

/** `at -t [[CC]YY]MMDDhhmm[.SS]` → `once, at 18:00 on 2025-12-24`; undefined when the stamp is not one. */
function describeAtStamp(stamp: string): string | undefined {
  const match = /^(?:(\d{2})?(\d{2}))?(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d{2})?$/.exec(stamp);
  if (!match) return undefined;
  const [, century, yy, month = '', day = '', hour = '', minute = ''] = match;
  // POSIX touch: a two-digit year 69-99 is 19xx, 00-68 is 20xx.
  const year = yy === undefined ? undefined : `${century ?? (Number(yy) < 69 ? '20' : '19')}${yy}`;
  return `once, at ${hour}:${minute} on ${year === undefined ? `${month}-${day} this year` : `${year}-${month}-${day}`}`;
}
