import type { Node } from '../../../libpg-query/parse-sql.js';

const OFF_WORDS = new Set(['false', 'off', 'no', '0']);

/** `(FULL)`, `(FULL true)` and `(CONCURRENTLY on)` are on; `(FULL false)` and `(FULL 0)` are off. */
export function isOptionOn(option: Node, name: string): boolean {
  if (!('DefElem' in option) || option.DefElem.defname !== name) return false;
  const arg = option.DefElem.arg;
  if (arg === undefined) return true;
  if ('String' in arg) return !OFF_WORDS.has((arg.String.sval ?? '').toLowerCase());
  if ('Integer' in arg) return (arg.Integer.ival ?? 0) !== 0;
  if ('Boolean' in arg) return arg.Boolean.boolval ?? false;
  return true;
}
