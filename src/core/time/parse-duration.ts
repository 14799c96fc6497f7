const UNIT_MS: readonly [RegExp, number][] = [
  [/^(ms|msecs?|milliseconds?)$/, 1],
  [/^(s|secs?|seconds?)$/, 1000],
  [/^(m|mins?|minutes?)$/, 60_000],
  [/^(h|hrs?|hours?)$/, 3_600_000],
  [/^(d|days?)$/, 86_400_000],
  [/^(w|wks?|weeks?)$/, 604_800_000],
];
// Years and months have no fixed length, so ISO durations using them are refused.
const ISO =
  /^P(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;
const ISO_UNITS = [604_800_000, 86_400_000, 3_600_000, 60_000, 1000];
const HEDGE = /^(~|about|around|approx\.?|approximately|roughly|up to|at most|max\.?|under|less than)\s*/;
const PART = /(\d+(?:\.\d+)?|\.\d+)\s*([a-z]+)\s*(?:,|and\b)?\s*/y;

/**
 * Milliseconds in a duration a person or a vendor wrote: `5m`, `90s`, `1h30m`, `1.5h`, `PT1H30M`, `5 minutes`,
 * `an hour`, `half an hour`, `1 hour and 30 minutes`, `about 5 minutes`. Undefined when it is not one.
 * Hand-written: the installed parsers are transitive only (`ms` knows no `1h30m`, neither knows `an hour`).
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^P/i.test(trimmed)) return parseIsoDuration(trimmed);
  const words = trimmed
    .toLowerCase()
    .replace(HEDGE, '')
    .replace(/\.$/, '')
    .replace(/\bhalf an? (hour|minute|day|week)\b/g, '0.5 $1')
    .replace(/^(\d+|an?|one) ([a-z]+) and a half$/, '$1.5 $2')
    .replace(/\b(\d+) and a half (?=[a-z])/g, '$1.5 ')
    .replace(/\b(an?|one)(\.5)?\s+(?=[a-z])/g, '1$2 ');
  if (words === '') return undefined;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < words.length) {
    const match = PART.exec(words);
    const scale = match ? UNIT_MS.find(([pattern]) => pattern.test(match[2] ?? ''))?.[1] : undefined;
    if (!match || scale === undefined) return undefined;
    total += Number(match[1]) * scale;
  }
  return Number.isFinite(total) ? Math.round(total) : undefined;
}

function parseIsoDuration(text: string): number | undefined {
  const match = ISO.exec(text);
  if (!match || /T$/i.test(text) || match.slice(1).every((part) => part === undefined)) return undefined;
  const total = match
    .slice(1)
    .reduce((sum, part, index) => sum + (part ? Number(part.replace(',', '.')) * (ISO_UNITS[index] ?? 0) : 0), 0);
  return Math.round(total);
}
