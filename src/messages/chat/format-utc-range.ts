import { formatUtc } from './format-utc.js';

/** `2026-03-14 22:00–23:00 UTC`, or both dates in full when the range crosses midnight (UTC). */
export function formatUtcRange(start: Date | string, end: Date | string): string {
  const from = formatUtc(start);
  const to = formatUtc(end);
  return from.slice(0, 10) === to.slice(0, 10) ? `${from.slice(0, 16)}–${to.slice(11)}` : `${from} – ${to}`;
}
