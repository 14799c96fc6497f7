import type { ConfigValue } from '../../core/manifest/manifest-schema.js';
import type { TextFileEncoding } from './encode-text.js';

/**
 * The required keys whose value a config file in this encoding cannot hold. Only a file that is not UTF-8 (edited as
 * Latin-1, one character per byte) has any: writing a character beyond U+00FF there would keep only its low byte.
 * UTF-8 and UTF-16 hold every value. Install refuses to write such a file, and per-host preflight says so first.
 */
export function unencodableKeys(file: TextFileEncoding, required: Record<string, ConfigValue>): string[] {
  if (file.encoding !== 'latin1') return [];
  return Object.entries(required)
    .filter(([, value]) => [...String(value)].some((char) => char.codePointAt(0)! > 0xff))
    .map(([key]) => key);
}
