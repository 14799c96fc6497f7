import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { Plan } from './plan.js';
import { planWaves } from './plan-waves.js';

// Digests of plans already digested: a thousand-target plan takes milliseconds to digest, and the control plane asks
// for the same plan's digest at every step. The plan is frozen when its digest is kept, so it cannot go stale.
const digests = new WeakMap<Plan, string>();

/** sha256 (hex) of everything that decides what runs where and when; any change voids approvals. */
export function digestPlan(plan: Plan): string {
  const known = digests.get(plan);
  if (known !== undefined) return known;
  const digest = computeDigest(plan);
  deepFreeze(plan);
  digests.set(plan, digest);
  return digest;
}

function computeDigest(plan: Plan): string {
  // The requester is left out: who asked does not change what runs.
  const planned = {
    packageDigest: plan.packageDigest.toLowerCase(),
    packageVersion: plan.packageVersion,
    targets: plan.targets,
    waves: planWaves(plan),
    window: { start: new Date(plan.window.start).toISOString(), durationMinutes: plan.window.durationMinutes },
    canary: plan.canary,
    batch: plan.batch,
    maxErrors: plan.maxErrors,
    bakeSeconds: plan.bakeSeconds,
    // Only when set, so plans made before there was a budget keep their digests.
    ...(plan.errorBudget && { errorBudget: plan.errorBudget }),
  };
  return createHash('sha256').update(canonicalJson(planned), 'utf8').digest('hex');
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
}
