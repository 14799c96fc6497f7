import { planWaves } from './plan-waves.js';
import type { Rollout } from './rollout.js';

/** When the last wave should end, at the pace of the waves finished so far; undefined until one finished. */
export function estimateEta(rollout: Rollout, now: Date): string | undefined {
  const current = rollout.wave;
  if (rollout.state !== 'running' || !current) return undefined;
  const started = new Map<number, number>();
  const durations: number[] = [];
  for (const entry of rollout.audit) {
    if (entry.wave === undefined) continue;
    const at = Date.parse(entry.at);
    if (entry.event === 'wave-started') started.set(entry.wave, at);
    const from = started.get(entry.wave);
    if ((entry.event === 'wave-succeeded' || entry.event === 'wave-failed') && from !== undefined) {
      durations.push((at - from) / 1000);
    }
  }
  if (durations.length === 0) return undefined;
  const mean = durations.reduce((sum, seconds) => sum + seconds, 0) / durations.length;
  const wavesAfter = planWaves(rollout.plan).length - current.index - 1;
  const elapsed = (now.getTime() - (started.get(current.index) ?? now.getTime())) / 1000;
  const rest = current.finished ? 0 : Math.max(0, mean - elapsed);
  const seconds = rest + wavesAfter * (mean + rollout.plan.bakeSeconds);
  return new Date(now.getTime() + Math.round(seconds) * 1000).toISOString();
}
