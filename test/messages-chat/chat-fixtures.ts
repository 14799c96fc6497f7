import { createHash } from 'node:crypto';
import type { Actor } from '../../src/core/rollout/audit-entry.js';
import { createRollout } from '../../src/core/rollout/create-rollout.js';
import { planSchema, type Plan, type PlanInput } from '../../src/core/rollout/plan.js';
import type { Rollout } from '../../src/core/rollout/rollout.js';
import { transition } from '../../src/core/rollout/transition.js';

export const WINDOW_START = new Date('2026-03-14T22:00:00Z');
export const alice: Actor = { kind: 'user', id: 'U0ALICE01' };
export const bob: Actor = { kind: 'user', id: 'U0BOB0002' };
export const controlPlane: Actor = { kind: 'system', id: 'control-plane' };

/** `minutes` after the window opens (negative: before). */
export function at(minutes: number): Date {
  return new Date(WINDOW_START.getTime() + minutes * 60_000);
}

/** Internal names of the kind a real fleet has, which must never reach the status channel. */
function hostNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `app-ams-${String(i + 1).padStart(4, '0')}.corp.internal`);
}

/** A plan as the plan command would build it: a real digest, `count` hosts, a one-hour window. */
export function buildChatPlan(overrides: Partial<PlanInput> = {}, count = 5): Plan {
  return planSchema.parse({
    packageDigest: createHash('sha256').update('Full-upgrade-package-dten 4.2.0').digest('hex'),
    packageVersion: '4.2.0',
    packageSource: { key: 'Full-upgrade-package-dten.zip' },
    targets: hostNames(count),
    canary: 1,
    batch: { kind: 'count', n: 2 },
    maxErrors: 1,
    bakeSeconds: 120,
    window: { start: WINDOW_START.toISOString(), durationMinutes: 60 },
    requester: alice.id,
    ...overrides,
  });
}

/** A new rollout taken through preflight to the approval request, the way the control plane does it. */
export function awaitingApproval(plan: Plan = buildChatPlan(), id = 'rollout-7'): Rollout {
  let rollout = createRollout(id, plan);
  rollout = transition(rollout, 'preflight-passed', controlPlane, at(-120));
  return transition(rollout, 'request-approval', alice, at(-110));
}
