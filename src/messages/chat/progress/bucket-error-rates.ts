import type { HealthSample } from '../../../core/rollout/rollout.js';

/** The fleet's worst error rate in each of up to `buckets` equal slices of time, oldest first; empty slices skipped. */
export function bucketErrorRates(samples: readonly HealthSample[], buckets = 24): number[] {
  const times = samples.map((sample) => Date.parse(sample.at));
  // Loops, not Math.min(...times): a thousand hosts' samples can outgrow the argument limit.
  let first = Infinity;
  let last = -Infinity;
  for (const time of times) {
    first = Math.min(first, time);
    last = Math.max(last, time);
  }
  const span = last - first;
  const worst = new Map<number, number>();
  samples.forEach((sample, i) => {
    const offset = (times[i] ?? first) - first;
    const slot = span > 0 ? Math.min(buckets - 1, Math.floor((offset / span) * buckets)) : 0;
    worst.set(slot, Math.max(worst.get(slot) ?? 0, sample.errorRate));
  });
  return [...worst.entries()].sort(([a], [b]) => a - b).map(([, rate]) => rate);
}
