import { createHash } from 'node:crypto';

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const HEX = '0123456789abcdef';
export const BASE64 = `${ALNUM}+/`;
export const BASE64URL = `${ALNUM}-_`;

/**
 * Builds a random-looking secret at test time, so the repository holds no live-looking credential.
 * Deterministic per seed (SHA-256 in counter mode), so a failing case can be replayed.
 */
export function makeSecret(seed: string, length: number, alphabet = ALNUM): string {
  let out = '';
  for (let block = 0; out.length < length; block += 1) {
    for (const byte of createHash('sha256').update(`${seed}:${block}`).digest()) {
      if (out.length < length) out += alphabet[byte % alphabet.length] ?? '';
    }
  }
  return out;
}
