import { readPowerShellString } from './read-powershell-string.js';

export interface PowerShellLine {
  /** The statement text, comments cut out; the physical lines it joins stay apart by `\n`. */
  text: string;
  /** The number of its first physical line. */
  line: number;
}

/** How many physical lines one statement may join, so that an unclosed bracket cannot swallow a whole file. */
const MAX_JOINED = 200;
const OPENERS: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

/**
 * PowerShell's logical lines: a line ending in a backtick or a pipe, or inside an open `(`, `@(`, `[` or `@{`,
 * goes on on the next. `#` comments and `<# … #>` blocks (comment-based help and its examples) are cut out, and
 * the body of a here-string (`@' … '@`) is blanked: none of it is code.
 */
export function joinPowerShellLines(lines: readonly string[], firstLine: number): PowerShellLine[] {
  const joined: PowerShellLine[] = [];
  const state: LineState = { blockComment: false, hereString: '', open: [] };
  let current: PowerShellLine | undefined;
  let count = 0;
  lines.forEach((line, index) => {
    const { code, continues } = cleanLine(line, state);
    current = current ? { ...current, text: `${current.text}\n${code}` } : { text: code, line: firstLine + index };
    count++;
    if (continues && count < MAX_JOINED) return;
    if (current.text.trim() !== '') joined.push(current);
    current = undefined;
    count = 0;
    state.open = [];
  });
  if (current !== undefined) joined.push(current);
  return joined;
}

interface LineState {
  blockComment: boolean;
  /** The mark that closes the open here-string (`'@` or `"@`), else empty. */
  hereString: string;
  /** The brackets open in the statement so far: `(`, `@(`, `[`, `{`, `@{`. */
  open: string[];
}

function cleanLine(line: string, state: LineState): { code: string; continues: boolean } {
  let text = line;
  if (state.hereString) {
    if (!line.startsWith(state.hereString)) return { code: '', continues: false };
    text = line.slice(2);
    state.hereString = '';
  }
  let code = '';
  const { open } = state;
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    if (state.blockComment) {
      const end = text.indexOf('#>', index);
      if (end < 0) break;
      state.blockComment = false;
      index = end + 1;
    } else if (char === '<' && text.charAt(index + 1) === '#') {
      state.blockComment = true;
      index++;
    } else if (char === '#' && (index === 0 || /[\s;]/.test(text.charAt(index - 1)))) {
      break;
    } else if (char === '@' && /^@["']\s*$/.test(text.slice(index))) {
      state.hereString = `${text.charAt(index + 1)}@`;
      code += text.slice(index);
      break;
    } else if (char === '"' || char === "'") {
      const end = readPowerShellString(text, index).end;
      code += text.slice(index, end);
      index = end - 1;
    } else {
      if ('([{'.includes(char)) open.push(text.charAt(index - 1) === '@' ? `@${char}` : char);
      else if (OPENERS[char] !== undefined && open.at(-1)?.endsWith(OPENERS[char])) open.pop();
      code += char;
    }
  }
  // An open script block `{` does not join lines: its statements stand on their own lines.
  const continues = /[`|]\s*$/.test(code) || open.some((opener) => opener !== '{') || state.hereString !== '';
  return { code, continues };
}
