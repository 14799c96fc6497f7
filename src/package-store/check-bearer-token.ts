import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares in constant time: both sides are hashed first, so neither length nor content leaks through timing. */
export function checkBearerToken(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  if (given === undefined) return false;
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(token));
}
