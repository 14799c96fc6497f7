import { isCommentLine } from '../text-scan/is-comment-line.js';
import { countLines } from './count-lines.js';
import { findPowerShellTasks } from './find-powershell-tasks.js';
import { findWindowsTasks } from './find-windows-tasks.js';
import { joinPowerShellLines } from './join-powershell-lines.js';
import { readPowerShellCommandLine, type InvokedScript } from './read-powershell-command-line.js';
import type { ScheduledTask } from './scheduled-task.js';
import { splitCommandLine, type CommandShell, type CommandWord } from './split-command-line.js';

const MENTIONS_HOST = /powershell|pwsh/i;
const HOST = /^(?:powershell|pwsh)(?:\.exe)?$/i;
/** Commands that print a command line rather than run it: `echo powershell -Command …`. */
const SHOWS = new Set(['echo', 'echo.', 'rem', '::', 'printf', 'title', 'write-host', 'write-output']);
const ENCODED_NOTE = 'dten read it from the base64 the script passes to PowerShell as -EncodedCommand.';

export interface PowerShellInvocations {
  tasks: ScheduledTask[];
  /**
   * The lines of a batch or shell script each command that runs PowerShell spans: a multi-line `pwsh -c '…'` holds
   * plain PowerShell lines, which the caller's reading of the whole file as PowerShell finds too.
   */
  spans: { first: number; last: number }[];
}

/**
 * Tasks a script registers by running PowerShell: `powershell -NoProfile -Command "Register-ScheduledTask …"` in a
 * batch file, `pwsh -c '…'` in a shell script, `powershell.exe -EncodedCommand <base64>` anywhere. The command
 * PowerShell gets is read as a script of its own (a new process: no variable of the outer script reaches it) and
 * its tasks are reported at the line that runs it. `schtasks` inside a plain -Command is on the line itself, where
 * the schtasks finder reads it; inside an encoded one only the decoded text shows it.
 */
export function findPowerShellInvocations(
  lines: readonly string[],
  firstLine: number,
  path: string,
): PowerShellInvocations {
  const shell = shellOf(path);
  const found: PowerShellInvocations = { tasks: [], spans: [] };
  if (shell !== 'powershell') {
    invocationsIn(lines, firstLine, shell, path, found);
    return found;
  }
  // A PowerShell script is read by its statements: comments and help blocks cut out, continued lines joined.
  for (const statement of joinPowerShellLines(lines, firstLine)) {
    if (MENTIONS_HOST.test(statement.text)) invocationsIn([statement.text], statement.line, shell, path, found);
  }
  return found;
}

/** Adds the tasks of the commands that run PowerShell in `lines`, the first of them being line `firstLine`. */
function invocationsIn(
  lines: readonly string[],
  firstLine: number,
  shell: CommandShell,
  path: string,
  found: PowerShellInvocations,
): void {
  const lineOf = wordLines(lines, firstLine);
  let index = 0;
  while (index < lines.length) {
    const text = lines[index] ?? '';
    if (!MENTIONS_HOST.test(text) || (shell !== 'powershell' && isCommentLine(text))) {
      index++;
      continue;
    }
    const { words, next } = splitCommandLine(lines, index, shell);
    for (const command of commandsOf(words)) {
      const host = command.findIndex((word) => HOST.test(programName(word.text)));
      const program = command[host];
      const shown = SHOWS.has(programName(command[0]?.text ?? ''));
      const args = command.slice(host + 1).map((word) => word.text);
      const invoked = program && !shown ? readPowerShellCommandLine(program.text, args) : undefined;
      if (program === undefined || invoked === undefined) continue;
      found.tasks.push(...tasksOf(invoked, path, lineOf(program)));
      // In PowerShell the command is a string, which the caller's reading does not take for code.
      if (shell !== 'powershell') addSpan(found.spans, firstLine + index, firstLine + next - 1);
    }
    index = next;
  }
}

/**
 * The line number of each word, for words asked in the order they are written. A PowerShell statement comes as one
 * text, its words' lines counted in it: each text is counted through once, not up to each word again.
 */
function wordLines(lines: readonly string[], firstLine: number): (word: CommandWord) => number {
  let index = -1;
  let lineAt: (offset: number) => number = () => firstLine;
  return (word) => {
    if (word.line !== index) {
      index = word.line;
      lineAt = countLines(lines[index] ?? '', firstLine + index);
    }
    return lineAt(word.offset);
  };
}

/** Commands on the same lines (`pwsh -c a; pwsh -c b`) span them once: the caller goes through each span's lines. */
function addSpan(spans: { first: number; last: number }[], first: number, last: number): void {
  const previous = spans.at(-1);
  if (previous?.first !== first || previous.last !== last) spans.push({ first, last });
}

/** The words of each command, operators left out. */
function commandsOf(words: readonly CommandWord[]): CommandWord[][] {
  const commands: CommandWord[][] = [[]];
  for (const word of words) {
    if (word.operator) commands.push([]);
    else commands.at(-1)?.push(word);
  }
  return commands.filter((command) => command.length > 0);
}

/** `C:\Windows\…\powershell.exe` → `powershell.exe`; `@echo` → `echo`; `(pwsh` → `pwsh`, lower-case. */
function programName(word: string): string {
  return word
    .slice(Math.max(word.lastIndexOf('\\'), word.lastIndexOf('/')) + 1)
    .replace(/^[@(]+/, '')
    .toLowerCase();
}

function tasksOf(invoked: InvokedScript, path: string, line: number): ScheduledTask[] {
  const lines = invoked.script.split(/\r?\n/);
  const tasks = findPowerShellTasks(lines, line, path);
  if (invoked.encoded)
    tasks.push(
      ...findWindowsTasks(
        lines.map((text) => (isCommentLine(text) ? '' : text)),
        line,
        path,
      ),
    );
  return tasks.map((task) => {
    const note = invoked.encoded ? [ENCODED_NOTE, task.note].filter(Boolean).join(' ') : task.note;
    return { ...task, line, ...(note === undefined ? {} : { note }) };
  });
}

/** Whose quoting the file's command lines follow, by its extension. */
function shellOf(path: string): CommandShell {
  const extension = /\.(\w+)$/.exec(path)?.[1]?.toLowerCase();
  if (extension === 'bat' || extension === 'cmd') return 'cmd';
  return extension === 'ps1' || extension === 'psm1' ? 'powershell' : 'sh';
}
