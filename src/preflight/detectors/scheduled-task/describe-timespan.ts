const UNITS: [RegExp, string][] = [
  [/^(us|usec|µs|ms|msec)$/, ''],
  [/^(s|sec|secs|second|seconds)?$/, 'second'],
  [/^(m|min|mins|minute|minutes)$/, 'minute'],
  [/^(h|hr|hrs|hour|hours)$/, 'hour'],
  [/^(d|day|days)$/, 'day'],
  [/^(w|week|weeks)$/, 'week'],
  [/^(M|month|months)$/, 'month'],
  [/^(y|year|years)$/, 'year'],
];

/** Words for a systemd time span (`1h 30min` → `1 hour 30 minutes`); the raw text when it is not one. */
export function describeTimespan(span: string): string {
  const parts = [...span.matchAll(/(\d+(?:\.\d+)?)\s*([a-zµ]*)/gi)];
  if (
    parts.length === 0 ||
    parts
      .map((part) => part[0])
      .join('')
      .replace(/\s/g, '') !== span.replace(/\s/g, '')
  ) {
    return span;
  }
  const words = parts.map(([, amount = '', unit = '']) => {
    const name = UNITS.find(([pattern]) => pattern.test(unit))?.[1];
    if (name === undefined) return undefined;
    return name === '' ? '' : `${amount} ${name}${amount === '1' ? '' : 's'}`;
  });
  return words.some((word) => word === undefined) ? span : words.filter(Boolean).join(' ') || span;
}
