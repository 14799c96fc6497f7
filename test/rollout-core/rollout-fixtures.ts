import type { Actor } from '../../src/core/rollout/audit-entry.js';
import { createRollout } from '../../src/core/rollout/create-rollout.js';
import type { Plan } from '../../src/core/rollout/plan.js';
import type { Rollout } from '../../src/core/rollout/rollout.js';
import type { RolloutState } from '../../src/core/rollout/rollout-state.js';
import { buildTestPlan } from './build-test-plan.js';

export const alice: Actor = { kind: 'user', id: 'U-ALICE' };
export const bob: Actor = { kind: 'user', id: 'U-BOB' };
export const controlPlane: Actor = { kind: 'system', id: 'control-plane' };

/** A rollout of five hosts (waves [1], [2], [2]) put straight into `state`, as if read back from Redis. */
export function rolloutIn(state: RolloutState, extra: Partial<Rollout> = {}, plan: Plan = buildTestPlan()): Rollout {
  return { ...createRollout('rollout-7', plan), state, ...extra };
}
