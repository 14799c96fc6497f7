import type { Rollout } from './rollout.js';

/** The monitoring blip so far: the worst error rate seen and how long any host stayed above the baseline. */
export interface Blip {
  worstErrorRate: number;
  baselineErrorRate: number;
  secondsAboveBaseline: number;
}

/** A host is above the baseline from a sample above it until its next sample (or now, if none came yet). */
export function measureBlip(health: Rollout['health'], now: Date): Blip | undefined {
  const baseline = health.baselineErrorRate;
  if (baseline === undefined || health.samples.length === 0) return undefined;
  const byHost = new Map<string, { at: number; errorRate: number }[]>();
  for (const sample of health.samples) {
    const list = byHost.get(sample.host) ?? [];
    list.push({ at: Date.parse(sample.at), errorRate: sample.errorRate });
    byHost.set(sample.host, list);
  }
  const spans: [number, number][] = [];
  for (const list of byHost.values()) {
    list.sort((a, b) => a.at - b.at);
    list.forEach((sample, i) => {
      if (sample.errorRate > baseline) spans.push([sample.at, list[i + 1]?.at ?? Math.max(sample.at, now.getTime())]);
    });
  }
  return {
    worstErrorRate: Math.max(...health.samples.map((sample) => sample.errorRate)),
    baselineErrorRate: baseline,
    secondsAboveBaseline: Math.round(sumUnion(spans) / 1000),
  };
}

// Hosts above the baseline at the same time count once: the fleet's blip, not the sum of the hosts'.
function sumUnion(spans: [number, number][]): number {
  spans.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [from, to] of spans) {
    if (to > end) total += to - Math.max(from, end);
    end = Math.max(end, to);
  }
  return total;
}
