/** An error rate (0–1) as a percentage with enough digits to tell a small rate from zero: `9.0%`, `0.25%`. */
export function formatRate(rate: number): string {
  const percent = rate * 100;
  return `${percent.toFixed(percent > 0 && percent < 1 ? 2 : 1)}%`;
}
