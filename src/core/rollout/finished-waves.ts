import type { Rollout } from './rollout.js';

/** How long each finished wave took, from its audit entries, in wave order; with when each one ended. */
export function finishedWaves(rollout: Pick<Rollout, 'audit'>): { wave: number; seconds: number; endedAt: number }[] {
  const started = new Map<number, number>();
  const finished: { wave: number; seconds: number; endedAt: number }[] = [];
  for (const entry of rollout.audit) {
    if (entry.wave === undefined) continue;
    const at = Date.parse(entry.at);
    if (entry.event === 'wave-started') started.set(entry.wave, at);
    const from = started.get(entry.wave);
    if ((entry.event === 'wave-succeeded' || entry.event === 'wave-failed') && from !== undefined) {
      finished.push({ wave: entry.wave, seconds: (at - from) / 1000, endedAt: at });
    }
  }
  return finished;
}
