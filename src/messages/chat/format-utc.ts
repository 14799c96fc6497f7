/** A moment as people in several time zones read it: `2026-03-14 22:00 UTC`. */
export function formatUtc(moment: Date | string): string {
  const iso = (typeof moment === 'string' ? new Date(moment) : moment).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
