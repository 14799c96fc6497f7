import type { Batch } from './plan.js';

/** A batch size as typed in chat: `5` hosts per wave or `25%` of the targets. Undefined when it is not one. */
export function parseBatch(text: string): Batch | undefined {
  const trimmed = text.trim();
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(trimmed);
  if (percent) {
    const p = Number(percent[1]);
    return p > 0 && p <= 100 ? { kind: 'percent', p } : undefined;
  }
  if (!/^\d+$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return n >= 1 && Number.isSafeInteger(n) ? { kind: 'count', n } : undefined;
}
