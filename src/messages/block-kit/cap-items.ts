import { andMoreText } from './and-more-text.js';

/** At most `limit` items; past it, the last kept slot says how many more there were. */
export function capItems<T>(items: readonly T[], limit: number, more: (text: string) => T): T[] {
  if (items.length <= limit) return [...items];
  return [...items.slice(0, limit - 1), more(andMoreText(items.length - limit + 1))];
}
