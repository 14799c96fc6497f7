import type { ScheduledTask } from './scheduled-task.js';

const AT_COMMAND = /(^|[;&|(]|\$\()\s*(?:sudo\s+(?:-\S+\s+)*)?at\s+([^;&|<>)#]+)(.*)$/;
const TIME_WORD = /^(now|noon|midnight|teatime|today|tomorrow|\d{1,2}(:\d{2})?(am|pm)?|\d{3,4}(am|pm)?)$/i;
const ECHOED = /\b(?:echo|printf)\s+(?:-[neE]+\s+)?(["'])(.*?)\1\s*\|\s*(?:sudo\s+)?at\s/;

/** `at` jobs a script queues: `at now + 5 minutes <<EOF`, `echo "cmd" | at 02:00`, `at -mf job.sh midnight`. */
export function findAtJobs(lines: readonly string[], firstLine: number, path: string): ScheduledTask[] {
  const tasks: ScheduledTask[] = [];
  lines.forEach((line, index) => {
    const match = AT_COMMAND.exec(line);
    if (!match) return;
    const tokens = (match[2] ?? '').trim().split(/\s+/);
    const options = readAtOptions(tokens);
    if (options === undefined) return;
    const { at, file, stamp } = options;
    const stampWords = stamp === undefined ? undefined : describeAtStamp(stamp);
    if (stampWords === undefined && !TIME_WORD.test(tokens[at] ?? '')) return;
    const schedule = stamp === undefined ? tokens.slice(at).join(' ') : `-t ${stamp}`;
    const command = file ?? ECHOED.exec(line)?.[2] ?? heredocBody(match[3] ?? '', lines, index);
    const description = stampWords ?? describeAtTime(schedule);
    tasks.push({ kind: 'at', schedule, description, command, path, line: firstLine + index });
  });
  return tasks;
}

/**
 * The options before the time, read as getopt reads them: flags combine (`-mf job.sh`), and a flag that takes an
 * argument (`-f -q -t -u -o`) takes the rest of its token (`-qb`) or else the next one. Undefined when the
 * command prints, removes or lists jobs (`-c -d -r -l`): it queues none. `at` is the index of the first operand.
 */
function readAtOptions(tokens: readonly string[]): { at: number; file?: string; stamp?: string } | undefined {
  const options: { at: number; file?: string; stamp?: string } = { at: 0 };
  for (; /^-./.test(tokens[options.at] ?? ''); options.at++) {
    const token = tokens[options.at] ?? '';
    if (token === '--') return { ...options, at: options.at + 1 };
    for (let char = 1; char < token.length; char++) {
      const flag = token.charAt(char);
      if ('cdlr'.includes(flag)) return undefined;
      if (!'fqtuo'.includes(flag)) continue;
      const value = char + 1 < token.length ? token.slice(char + 1) : tokens[++options.at];
      if (flag === 'f') options.file = value;
      if (flag === 't') options.stamp = value;
      break;
    }
  }
  return options;
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
