const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const UNITS = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'];

/** Words for an ISO 8601 duration as Task Scheduler writes them (`PT1H30M` → `1 hour 30 minutes`); else undefined. */
export function describeIsoDuration(duration: string): string | undefined {
  const match = DURATION.exec(duration.trim());
  if (!match || /[PT]$/.test(duration.trim())) return undefined;
  const words = match
    .slice(1)
    .flatMap((amount, index) =>
      amount === undefined || Number(amount) === 0 ? [] : [`${amount} ${UNITS[index]}${amount === '1' ? '' : 's'}`],
    );
  return words.length === 0 ? undefined : words.join(' ');
}

/** The duration in words, or as written (quoted) when it is not one dten reads. */
export function describeSpan(duration: string): string {
  return describeIsoDuration(duration) ?? `"${duration}"`;
}
