import { finishedWaves } from './finished-waves.js';
import { planWaves } from './plan-waves.js';
import type { Rollout } from './rollout.js';

/** When the last wave should end, at the pace of the waves finished so far; undefined until one finished. */
export function estimateEta(rollout: Rollout, now: Date): string | undefined {
  const current = rollout.wave;
  if (rollout.state !== 'running' || !current) return undefined;
  const durations = finishedWaves(rollout).map((wave) => wave.seconds);
  if (durations.length === 0) return undefined;
  const mean = durations.reduce((sum, seconds) => sum + seconds, 0) / durations.length;
  const wavesAfter = planWaves(rollout.plan).length - current.index - 1;
  const startedAt = rollout.audit.findLast((entry) => entry.event === 'wave-started' && entry.wave === current.index);
  const elapsed = (now.getTime() - (startedAt ? Date.parse(startedAt.at) : now.getTime())) / 1000;
  const rest = current.finished ? 0 : Math.max(0, mean - elapsed);
  const seconds = rest + wavesAfter * (mean + rollout.plan.bakeSeconds);
  return new Date(now.getTime() + Math.round(seconds) * 1000).toISOString();
}
