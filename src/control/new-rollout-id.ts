import { randomBytes } from 'node:crypto';

/** `r261128-3fa2`: the day it was planned (UTC) and four hex digits; short enough to type in chat. */
export function newRolloutId(now: Date): string {
  const day = now.toISOString().slice(2, 10).replaceAll('-', '');
  return `r${day}-${randomBytes(2).toString('hex')}`;
}
