/** Where a value sits inside a line, relative to the line start. */
export interface AssignedValue {
  start: number;
  end: number;
  quoted: boolean;
  /** The character right after an unquoted value (`(` means a call, not a literal). */
  next: string;
}

/** `var token string = …` (Go), `password: string = …` (TypeScript). */
const TYPE_ANNOTATION = /:?\s*[A-Za-z_][\w.[\]]{0,60}\s+(?==[^=>])/y;
const OPERATOR = /(?::{1,3}=|\?=|\.=|\+=|=>|=(?!=)|:(?!:)|,|>)/y;
const UNQUOTED_END = new Set(' \t\r\f\v,;\'"`<>\\()[]{}&');
const QUOTES = '"\'`';

function skipSpaces(line: string, from: number): number {
  let i = from;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i += 1;
  return i;
}

/** Reads the value assigned to the key at `[keyStart, keyEnd)`: `k = v`, `"k": "v"`, `k: v`, `<k>v</k>`, `--k v`. */
export function readAssignedValue(line: string, keyStart: number, keyEnd: number): AssignedValue | undefined {
  const before = line[keyStart - 1] ?? '';
  const quotedKey = QUOTES.includes(before) && before !== '';
  const isFlag = line.startsWith('--', keyStart - 2);
  let i = keyEnd;
  while (i < line.length && i - keyEnd < 2 && (QUOTES.includes(line[i] ?? ' ') || line[i] === ']')) i += 1;
  i = skipSpaces(line, i);
  TYPE_ANNOTATION.lastIndex = i;
  i += TYPE_ANNOTATION.exec(line)?.[0].length ?? 0;
  OPERATOR.lastIndex = i;
  const operator = OPERATOR.exec(line)?.[0];
  if (operator === '>' && before !== '<') return undefined;
  if (operator === ',' && !(quotedKey && /\(\s*$/.test(line.slice(0, keyStart - 1)))) return undefined;
  if (operator === ':' && !quotedKey && !/^:[\s"'`]/.test(line.slice(i, i + 2))) return undefined;
  if (operator === undefined && !(isFlag && i > keyEnd)) return undefined;
  if (operator === '>') {
    const end = line.indexOf('<', i + 1);
    return { start: i + 1, end: end === -1 ? line.length : end, quoted: true, next: '' };
  }
  i = skipSpaces(line, i + (operator?.length ?? 0));
  const quote = line[i] ?? '';
  if (quote !== '' && QUOTES.includes(quote)) {
    const end = line.indexOf(quote, i + 1);
    return { start: i + 1, end: end === -1 ? line.length : end, quoted: true, next: '' };
  }
  let end = i;
  while (end < line.length && !UNQUOTED_END.has(line[end] ?? ' ')) end += 1;
  return { start: i, end, quoted: false, next: line[end] ?? '' };
}
