import { readPowerShellString } from './read-powershell-string.js';

/** Whose quoting a script's command lines follow: a batch file's, a POSIX shell's or PowerShell's own. */
export type CommandShell = 'cmd' | 'sh' | 'powershell';

export interface CommandWord {
  /** Quotes and escapes read: the argument the program gets. */
  text: string;
  /** The index of the line it starts on, in the lines given, and its offset in that line. */
  line: number;
  offset: number;
  /** `&`, `|`, `;`, a bracket, a new line in PowerShell: the command before it ends there. */
  operator: boolean;
}

const OPERATORS: Readonly<Record<CommandShell, string>> = {
  cmd: '&|<>',
  sh: ';&|<>()',
  powershell: ';&|<>(){}\n',
};
const ESCAPES: Readonly<Record<CommandShell, string>> = { cmd: '^', sh: '\\', powershell: '`' };
/** How many lines one command may span (an unclosed quote, continuation marks) before the rest is left unread. */
const MAX_LINES = 200;

/**
 * The words of the command line that starts on `lines[start]`, as the program it runs would get them: in a batch
 * file `"…"` with `\"` and `""` inside (the Windows argument rules), `^` escapes and `%%`; in a shell script `'…'`,
 * `"…"` with backslash escapes, `\` continuations and `#` comments; in PowerShell its own strings (give a whole
 * statement as one line). `next` is the index of the first line not read.
 */
export function splitCommandLine(
  lines: readonly string[],
  start: number,
  shell: CommandShell,
): { words: CommandWord[]; next: number } {
  const reader = new CommandLineReader(shell);
  let index = start;
  while (index < lines.length && index - start < MAX_LINES) {
    const goesOn = reader.read(lines[index] ?? '', index);
    index++;
    if (!goesOn) break;
  }
  return { words: reader.finish(), next: index };
}

class CommandLineReader {
  private readonly words: CommandWord[] = [];
  private word: CommandWord | undefined;
  /** The quote open at the end of the last line read (a shell string may span lines). */
  private quote = '';
  /** The last line read ended in a backslash inside double quotes. */
  private joined = false;

  constructor(private readonly shell: CommandShell) {}

  /** One physical line; true when the command goes on on the next. */
  read(text: string, line: number): boolean {
    let index = 0;
    if (this.quote) index = this.quoted(text, 0, line);
    while (index < text.length) {
      const char = text.charAt(index);
      if (char === ESCAPES[this.shell]) {
        if (index + 1 >= text.length) return true;
        // A PowerShell statement comes as one line: its backtick continuations are escaped new lines.
        const next = text.charAt(index + 1);
        if (next !== '\n') this.append(next, line, index);
        index += 2;
      } else if (OPERATORS[this.shell].includes(char)) {
        this.operator(char, line, index);
        index++;
      } else if (/\s/.test(char)) {
        this.flush();
        index++;
      } else if (char === '#' && this.shell === 'sh' && this.word === undefined) {
        break;
      } else if (char === '"' || (char === "'" && this.shell !== 'cmd')) {
        index = this.openQuote(text, index, line);
      } else {
        index = this.plain(text, index, line);
      }
    }
    if (this.quote && this.shell === 'sh') {
      // A backslash at the end of a line inside double quotes joins the lines; elsewhere the new line is kept.
      if (this.word && !this.joined) this.word.text += '\n';
      this.joined = false;
      return true;
    }
    this.quote = '';
    this.flush();
    return false;
  }

  finish(): CommandWord[] {
    this.flush();
    return this.words;
  }

  /** A quoted part that opens at `index`; where reading goes on. */
  private openQuote(text: string, index: number, line: number): number {
    this.append('', line, index);
    if (this.shell === 'powershell') {
      const { value, end } = readPowerShellString(text, index);
      this.append(value, line, index);
      return end;
    }
    this.quote = text.charAt(index);
    return this.quoted(text, index + 1, line);
  }

  /** The inside of an open cmd or shell quote from `index`; where it closes (or the line's end). */
  private quoted(text: string, start: number, line: number): number {
    for (let index = start; index < text.length; index++) {
      const char = text.charAt(index);
      if (this.quote === "'") {
        if (char === "'") return this.close(index);
        this.append(char, line, index);
      } else if (this.shell === 'cmd') {
        if (char === '\\') {
          index = this.backslashes(text, index, line) - 1;
        } else if (char === '"' && text.charAt(index + 1) === '"') {
          this.append('"', line, index);
          index++;
        } else if (char === '"') {
          return this.close(index);
        } else {
          this.append(char === '%' && text.charAt(index + 1) === '%' ? '' : char, line, index);
        }
      } else if (char === '\\' && index + 1 >= text.length) {
        this.joined = true;
        return text.length;
      } else if (char === '\\' && '$`"\\'.includes(text.charAt(index + 1))) {
        this.append(text.charAt(++index), line, index);
      } else if (char === '"') {
        return this.close(index);
      } else {
        this.append(char, line, index);
      }
    }
    return text.length;
  }

  private close(index: number): number {
    this.quote = '';
    return index + 1;
  }

  /** One character outside quotes (in a batch file, a run of backslashes); where reading goes on. */
  private plain(text: string, index: number, line: number): number {
    const char = text.charAt(index);
    if (this.shell === 'cmd' && char === '\\') return this.backslashes(text, index, line);
    this.append(this.shell === 'cmd' && char === '%' && text.charAt(index + 1) === '%' ? '' : char, line, index);
    return index + 1;
  }

  /**
   * Backslashes in a Windows argument: before a quote, each pair is one backslash and an odd one makes the quote
   * literal; anywhere else they are literal. Where reading goes on.
   */
  private backslashes(text: string, index: number, line: number): number {
    let after = index;
    while (text.charAt(after) === '\\') after++;
    const run = after - index;
    if (text.charAt(after) !== '"') {
      this.append('\\'.repeat(run), line, index);
      return after;
    }
    this.append('\\'.repeat(Math.floor(run / 2)), line, index);
    if (run % 2 === 0) return after;
    this.append('"', line, index);
    return after + 1;
  }

  private operator(char: string, line: number, offset: number): void {
    // `2>&1`: the digits name a stream to redirect, not an argument.
    if ('<>'.includes(char) && this.word && /^\d+$/.test(this.word.text)) this.word = undefined;
    this.flush();
    this.words.push({ text: char, line, offset, operator: true });
  }

  private append(text: string, line: number, offset: number): void {
    this.word ??= { text: '', line, offset, operator: false };
    this.word.text += text;
  }

  private flush(): void {
    if (this.word) this.words.push(this.word);
    this.word = undefined;
  }
}
