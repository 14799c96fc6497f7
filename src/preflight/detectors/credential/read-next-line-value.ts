import type { AssignedValue } from './read-assigned-value.js';

function endOfLine(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}

/** `<apiKey>` alone on its line (ending at `lineEnd`), the value on the next line and the closing tag after it. */
export function readNextLineValue(text: string, lineEnd: number): AssignedValue | undefined {
  if (lineEnd >= text.length) return undefined;
  const nextEnd = endOfLine(text, lineEnd + 1);
  const closing = text.slice(nextEnd + 1, endOfLine(text, nextEnd + 1)).trimStart();
  if (!closing.startsWith('</')) return undefined;
  const raw = text.slice(lineEnd + 1, nextEnd);
  const value = raw.trim();
  if (value.length === 0 || value.startsWith('<')) return undefined;
  const start = lineEnd + 1 + raw.indexOf(value);
  return { start, end: start + value.length, quoted: true, next: '' };
}
