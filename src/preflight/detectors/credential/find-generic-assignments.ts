import type { CredentialCandidate } from './credential-candidate.js';
import { classifyIdentifier } from './classify-identifier.js';
import { GENERIC_RULES as RULES } from './generic-rules.js';
import { isSecretLikeValue } from './is-secret-like-value.js';
import { readAssignedValue } from './read-assigned-value.js';
import { readNextLineValue } from './read-next-line-value.js';

const KEYWORD = /pass|pwd|pw|secret|token|key|auth|cred/gi;
const ATTRIBUTE_PAIR = /\b(?:key|name)\s*=\s*"([^"]+)"\s+value\s*=\s*"([^"]*)"/gi;
/** Letters, digits, `_`, `.` and `-`, by char code: this runs for every keyword hit. */
const IDENTIFIER_CHARS = Uint8Array.from({ length: 128 }, (_, code) =>
  /[\w.-]/.test(String.fromCharCode(code)) ? 1 : 0,
);
const isIdentifierChar = (code: number): boolean => IDENTIFIER_CHARS[code] === 1;

/** Finds `password=…`, `"apiKey": "…"`, `token: …` style assignments on one line of `text`. */
export function findGenericAssignments(
  text: string,
  lineStart: number,
  lineEnd: number,
  out: CredentialCandidate[],
): void {
  const line = text.slice(lineStart, lineEnd);
  KEYWORD.lastIndex = 0;
  for (let hit = KEYWORD.exec(line); hit !== null; hit = KEYWORD.exec(line)) {
    let start = hit.index;
    let end = hit.index + hit[0].length;
    while (start > 0 && isIdentifierChar(line.charCodeAt(start - 1))) start -= 1;
    while (end < line.length && isIdentifierChar(line.charCodeAt(end))) end += 1;
    KEYWORD.lastIndex = end;
    while (line[start] === '-' || line[start] === '.') start += 1;
    const kind = classifyIdentifier(line.slice(start, end));
    if (kind === undefined) continue;
    const inLine = readAssignedValue(line, start, end);
    const trailing = line.slice(end).trim();
    // Only blanks after `<password>` (trailing spaces, a CRLF's `\r`) are no value: the next line may hold it.
    const where =
      inLine && line.slice(inLine.start, inLine.end).trim() !== ''
        ? { ...inLine, start: lineStart + inLine.start, end: lineStart + inLine.end }
        : line[start - 1] === '<' && trailing === '>'
          ? readNextLineValue(text, lineEnd)
          : undefined;
    if (where === undefined || /^["'`]?\s*(?:\+|\.\w|value\s*=)/.test(text.slice(where.end, where.end + 12))) continue;
    if (isSecretLikeValue(text.slice(where.start, where.end), kind, where, line.slice(start, end)))
      out.push({ start: where.start, end: where.end, rule: RULES[kind] });
  }
  if (!line.includes('value')) return;
  ATTRIBUTE_PAIR.lastIndex = 0;
  for (let pair = ATTRIBUTE_PAIR.exec(line); pair !== null; pair = ATTRIBUTE_PAIR.exec(line)) {
    const kind = classifyIdentifier(pair[1] ?? '');
    const value = pair[2] ?? '';
    const start = lineStart + pair.index + pair[0].length - value.length - 1;
    if (kind && isSecretLikeValue(value, kind, { start, end: start + value.length, quoted: true, next: '' }, pair[1]))
      out.push({ start, end: start + value.length, rule: RULES[kind] });
  }
}
