const LEVELS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/** One character per value, each level an eighth of the range from 0 to the largest value (or `top`). */
export function sparkline(values: readonly number[], top = Math.max(0, ...values)): string {
  return values
    .map((value) => (top > 0 ? LEVELS[Math.min(7, Math.max(0, Math.floor((value / top) * 8)))] : LEVELS[0]))
    .join('');
}
