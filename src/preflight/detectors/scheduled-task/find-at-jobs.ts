import { describeAtTime } from './describe-at-time.js';
import type { ScheduledTask } from './scheduled-task.js';

const AT_COMMAND = /(^|[;&|(]|\$\()\s*(?:sudo\s+(?:-\S+\s+)*)?(at|batch)(?=[\s<|;&)]|$)\s*([^;&|<>)#]*)(.*)$/;
const TIME_WORD = /^(now|noon|midnight|teatime|today|tomorrow|\d{1,2}(:\d{2})?(am|pm)?|\d{3,4}(am|pm)?)$/i;
const ECHOED = /\b(?:echo|printf)\s+(?:-[neE]+\s+)?(["'])(.*?)\1\s*\|\s*(?:sudo\s+)?(?:at|batch)(?=\s|$)/;
const BATCH_WORDS = 'when the system load allows';

interface AtOptions {
  /** Index of the first operand (the time). */
  at: number;
  file?: string;
  stamp?: string;
  /** `-b`, or an upper-case queue (`-q B`), as written: at then runs the job as batch does, once the load allows. */
  batch?: string;
}

/**
 * `at` and `batch` jobs a script queues: `at now + 5 minutes <<EOF`, `echo "cmd" | at 02:00`, `at -mf job.sh
 * midnight`, `batch <<EOF`, `at -b -f job.sh`.
 */
export function findAtJobs(lines: readonly string[], firstLine: number, path: string): ScheduledTask[] {
  const tasks: ScheduledTask[] = [];
  lines.forEach((line, index) => {
    const match = AT_COMMAND.exec(line);
    if (!match) return;
    const tokens = (match[3] ?? '').trim().split(/\s+/).filter(Boolean);
    const options = readAtOptions(tokens);
    if (options === undefined) return;
    const { at, file, stamp } = options;
    const time = stamp === undefined ? tokens.slice(at).join(' ') : `-t ${stamp}`;
    const when = describeWhen(time, stamp);
    // batch needs no time, but a bare word "batch" is only a job when something feeds it commands.
    const fed = file !== undefined || /^\s*</.test(match[4] ?? '') || match[1] === '|';
    const batch = match[2] === 'batch' ? 'batch' : options.batch;
    const description = batch === undefined ? when : describeBatch(when, time === '' && fed);
    if (description === undefined) return;
    const command = file ?? ECHOED.exec(line)?.[2] ?? heredocBody(match[4] ?? '', lines, index);
    const schedule = batch === undefined ? time : `${batch} ${time}`.trim();
    tasks.push({ kind: 'at', schedule, description, command, path, line: firstLine + index });
  });
  return tasks;
}

/** Undefined when the operand is not a time at(1) reads (`$WHEN`, `$(date …)`), or there is none. */
function describeWhen(time: string, stamp: string | undefined): string | undefined {
  if (stamp !== undefined) return describeAtStamp(stamp);
  // at reads `now+1hour` as well as `now + 1 hour`.
  return TIME_WORD.test(time.split(/\s+/)[0]?.replace(/\+.*$/, '') ?? '') ? describeAtTime(time) : undefined;
}

/** A batch job runs once the load allows, from its time on if it has one; undefined when it is not a job. */
function describeBatch(when: string | undefined, fedWithoutTime: boolean): string | undefined {
  if (when !== undefined) return `${when}, or later ${BATCH_WORDS}`;
  return fedWithoutTime ? `once, ${BATCH_WORDS}` : undefined;
}

/**
 * The options before the time, read as getopt reads them: flags combine (`-mf job.sh`), and a flag that takes an
 * argument (`-f -q -t -u -o`) takes the rest of its token (`-qb`) or else the next one. Undefined when the
 * command prints, removes or lists jobs (`-c -d -r -l`): it queues none.
 */
function readAtOptions(tokens: readonly string[]): AtOptions | undefined {
  const options: AtOptions = { at: 0 };
  for (; /^-./.test(tokens[options.at] ?? ''); options.at++) {
    const token = tokens[options.at] ?? '';
    if (token === '--') return { ...options, at: options.at + 1 };
    for (let char = 1; char < token.length; char++) {
      const flag = token.charAt(char);
      if ('cdlr'.includes(flag)) return undefined;
      if (flag === 'b') options.batch = '-b';
      if (!'fqtuo'.includes(flag)) continue;
      const value = char + 1 < token.length ? token.slice(char + 1) : tokens[++options.at];
      if (flag === 'f') options.file = value;
      if (flag === 't') options.stamp = value;
      if (flag === 'q' && /^[A-Z]$/.test(value ?? '')) options.batch = `-q ${value}`;
      break;
    }
  }
  return options;
}

function heredocBody(rest: string, lines: readonly string[], index: number): string {
  if (!rest.includes('<<')) return '(commands read from standard input)';
  return lines[index + 1]?.trim() || '(commands read from standard input)';
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
