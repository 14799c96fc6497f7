import { parseCrontabLine } from './parse-crontab-line.js';
import type { ScheduledTask } from './scheduled-task.js';

const HEREDOC = /<<-?\s*(['"]?)([A-Za-z_][\w]*)\1/;
const USER_SINK = /\bcrontab\b(?!\s+-l\b)/;
const SYSTEM_SINK = /(^|[\s/])(cron\.d\/\S*|\/etc\/crontab)\b/;
const PIPE_TO_CRONTAB = /\|\s*crontab\s+(-u\s+\S+\s+)?-(?=[\s)]|$)/;
// The path is read up to the next `>`, which starts a match of its own: `\S*` went over the rest of a long line from
// every `>` in it (minified HTML or XML took minutes).
const WRITE_TO_SYSTEM_CRONTAB = /(?:>>?\s*|\btee\s+(?:-a\s+)?)["']?[^\s>]*(cron\.d\/|\/etc\/crontab)/;
const ECHOED = /\b(?:echo|printf)\s+(?:-[neE]+\s+)?(["'])(.*?)\1/g;

/**
 * Crontab lines a script installs: heredocs into `crontab -` or cron.d, `echo "…" | crontab -`, `echo "…" | tee
 * /etc/cron.d/x`, and `( … ) | crontab -` or `{ …; } | crontab -` groups, one line or several.
 */
export function findCrontabInstalls(lines: readonly string[], firstLine: number, path: string): ScheduledTask[] {
  const tasks: ScheduledTask[] = [];
  const add = (text: string, index: number, withUser: boolean): void => {
    const entry = parseCrontabLine(text, withUser);
    if (entry) tasks.push({ kind: 'crontab', ...entry, path, line: firstLine + index });
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const heredoc = HEREDOC.exec(line);
    if (heredoc && (USER_SINK.test(line) || SYSTEM_SINK.test(line))) {
      const delimiter = heredoc[2] ?? '';
      // `/etc/crontab` also reads as "crontab": the system file decides, so its lines keep their account field.
      const withUser = SYSTEM_SINK.test(line);
      while (index + 1 < lines.length && (lines[index + 1] ?? '').trim() !== delimiter)
        add(lines[++index] ?? '', index, withUser);
      continue;
    }
    if (!PIPE_TO_CRONTAB.test(line) && !WRITE_TO_SYSTEM_CRONTAB.test(line)) continue;
    const withUser = !PIPE_TO_CRONTAB.test(line);
    for (const at of groupLines(lines, index)) {
      for (const echoed of (lines[at] ?? '').matchAll(ECHOED)) {
        for (const text of (echoed[2] ?? '').split('\\n')) add(text, at, withUser);
      }
    }
  }
  return tasks;
}

/**
 * Line indexes of a `( … ) | crontab -` or `{ … } | crontab -` group that ends on `end`, found by balancing
 * parentheses and braces up to 10 lines back (`${VAR}` and `$(…)` balance on their own line).
 */
function groupLines(lines: readonly string[], end: number): number[] {
  const indexes = [end];
  let open = unclosed(lines[end] ?? '');
  for (let at = end - 1; open > 0 && at >= Math.max(0, end - 10); at--) {
    indexes.unshift(at);
    open += unclosed(lines[at] ?? '');
  }
  return indexes;
}

/** How many more groups the line closes than it opens. */
function unclosed(text: string): number {
  return count(text, ')') + count(text, '}') - count(text, '(') - count(text, '{');
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}
