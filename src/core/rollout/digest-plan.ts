import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { Plan } from './plan.js';
import { planWaves } from './plan-waves.js';

/** sha256 (hex) of everything that decides what runs where and when; any change voids approvals. */
export function digestPlan(plan: Plan): string {
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
  };
  return createHash('sha256').update(canonicalJson(planned), 'utf8').digest('hex');
}
