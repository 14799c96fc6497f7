import type { Rollout } from './rollout.js';

/**
 * The hosts a rollout claims when it starts, or starts again: every target of a new plan; for an ended rollout brought
 * back to run a failed cleanup or rollback again, only the hosts that run it again, so the rest stay free for others.
 */
export function hostsToHold(rollout: Rollout, comingBack: boolean): string[] {
  if (!comingBack) return rollout.plan.targets;
  const cleaning = Object.entries(rollout.cleanup ?? {}).filter(([, cleanup]) => cleanup.state === 'running');
  const rollingBack = Object.entries(rollout.hosts).filter(([, host]) => host.state === 'rolling-back');
  return [...new Set([...cleaning, ...rollingBack].map(([host]) => host))];
}
