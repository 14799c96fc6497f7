import { maskSecret } from '../../../core/findings/mask-secret.js';

const BEFORE = 80;
const AFTER = 120;

interface Span {
  start: number;
  end: number;
}

/** Index of the first span ending after `offset`; `spans` are sorted and do not overlap. */
function firstSpanAfter(spans: readonly Span[], offset: number): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((spans[middle]?.end ?? 0) <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The line `[lineStart, lineEnd)` cut to a window around `focus`, with every secret span in it masked.
 * The window never cuts a span: a span crossing its edge is widened into it and masked whole.
 */
export function maskLine(
  text: string,
  lineStart: number,
  lineEnd: number,
  spans: readonly Span[],
  focus: Span,
): string {
  let from = Math.max(lineStart, focus.start - BEFORE);
  let to = Math.min(lineEnd, focus.end + AFTER);
  let index = firstSpanAfter(spans, from);
  from = Math.max(lineStart, Math.min(from, spans[index]?.start ?? from));
  let out = '';
  let cursor = from;
  for (; index < spans.length && (spans[index]?.start ?? to) < to; index += 1) {
    const span = spans[index] ?? focus;
    out += text.slice(cursor, Math.max(cursor, span.start)) + maskSecret(text.slice(span.start, span.end));
    cursor = Math.max(cursor, span.end);
    to = Math.max(to, Math.min(lineEnd, span.end));
  }
  out += text.slice(cursor, Math.max(cursor, to));
  const shown = out.replace(/\r$/, '').trim();
  return `${from > lineStart ? '…' : ''}${shown}${to < lineEnd ? '…' : ''}`;
}
