import type { Plan } from './plan.js';
import type { ReleaseChanges, Rollout } from './rollout.js';

/** A new rollout in draft: every target pending, nothing decided yet. */
export function createRollout(id: string, plan: Plan, release?: ReleaseChanges): Rollout {
  const rollout: Rollout = {
    id,
    plan,
    state: 'draft',
    window: plan.window,
    hosts: Object.fromEntries(plan.targets.map((host) => [host, { state: 'pending', changed: false }])),
    approvals: [],
    health: { samples: [] },
    audit: [],
  };
  if (release !== undefined) rollout.release = release;
  return rollout;
}
