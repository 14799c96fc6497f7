import { readPowerShellString } from './read-powershell-string.js';

/** A position in a PowerShell statement text and the moves a reader makes over it; patterns are sticky (`y`). */
export class PowerShellCursor {
  protected pos = 0;

  constructor(protected readonly text: string) {}

  protected skipString(): boolean {
    if (!/["']/.test(this.char())) return false;
    this.pos = readPowerShellString(this.text, this.pos).end;
    return true;
  }

  /** The end of a command or expression: a new line, `;`, `|`, `&&`, or a bracket closing around it. */
  protected atEnd(): boolean {
    const char = this.char();
    return char === '' || '\n;|)}]'.includes(char) || this.lookingAt(/&&/y);
  }

  /** Skips spaces and backtick line continuations; the character after them. */
  protected skipInline(): string {
    this.skip(/(?:[ \t\r]|`\r?\n)+/y);
    return this.char();
  }

  protected skip(pattern: RegExp): number {
    this.match(pattern);
    return this.pos;
  }

  protected match(pattern: RegExp): RegExpExecArray | undefined {
    pattern.lastIndex = this.pos;
    const match = pattern.exec(this.text);
    if (match) this.pos = pattern.lastIndex;
    return match ?? undefined;
  }

  protected lookingAt(pattern: RegExp): boolean {
    pattern.lastIndex = this.pos;
    return pattern.test(this.text);
  }

  protected char(): string {
    return this.text.charAt(this.pos);
  }

  protected rawFrom(start: number): string {
    return this.text
      .slice(start, this.pos)
      .replace(/`?\r?\n\s*/g, ' ')
      .trim();
  }
}
