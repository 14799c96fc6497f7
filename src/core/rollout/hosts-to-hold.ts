import type { Rollout } from './rollout.js';

/**
 * The hosts a rollout claims when it starts, or starts again: every target of a new plan; for a done rollout brought
 * back to run a failed cleanup again, only the hosts whose cleanup runs again, so the rest stay free for other plans.
 */
export function hostsToHold(rollout: Rollout, comingBack: boolean): string[] {
  if (!comingBack) return rollout.plan.targets;
  return Object.entries(rollout.cleanup ?? {})
    .filter(([, cleanup]) => cleanup.state === 'running')
    .map(([host]) => host);
}
