import type { Plan } from './plan.js';
import type { Rollout } from './rollout.js';

/** A new rollout in draft: every target pending, nothing decided yet. */
export function createRollout(id: string, plan: Plan): Rollout {
  return {
    id,
    plan,
    state: 'draft',
    window: plan.window,
    hosts: Object.fromEntries(plan.targets.map((host) => [host, { state: 'pending', changed: false }])),
    approvals: [],
    health: { samples: [] },
    audit: [],
  };
}
