import type { ConfigValue } from '../../../core/manifest/manifest-schema.js';

const TRUE = new Set(['true', 'yes', 'on', '1', 'y', 'enabled']);
const FALSE = new Set(['false', 'no', 'off', '0', 'n', 'disabled']);

/** Compares a config text value with a typed one the way config readers do: `yes`/`on`/`1` are true, `8080.0` is 8080. */
export function looselyEquals(actual: string, expected: ConfigValue): boolean {
  const text = actual.trim();
  const wanted = typeof expected === 'string' ? readBoolean(expected) : expected;
  if (typeof wanted === 'boolean') return readBoolean(text) === wanted;
  if (typeof wanted === 'number') return text !== '' && Number(text) === wanted;
  if (text === wanted) return true;
  return wanted.trim() !== '' && Number.isFinite(Number(wanted)) && Number(text) === Number(wanted);
}

function readBoolean(text: string): boolean | string {
  const lower = text.trim().toLowerCase();
  return TRUE.has(lower) ? true : FALSE.has(lower) ? false : text;
}
