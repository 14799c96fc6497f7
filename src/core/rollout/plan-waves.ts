import type { Plan } from './plan.js';

/** Wave 0 is the canary (when there is one), then batches of the remaining hosts in target order. */
export function planWaves(plan: Pick<Plan, 'targets' | 'canary' | 'batch'>): string[][] {
  const { targets } = plan;
  const canary = Math.min(plan.canary, targets.length);
  const waves: string[][] = canary > 0 ? [targets.slice(0, canary)] : [];
  const size = sizeBatch(plan.batch, targets.length);
  for (let start = canary; start < targets.length; start += size) waves.push(targets.slice(start, start + size));
  return waves;
}

function sizeBatch(batch: Plan['batch'], total: number): number {
  if (batch.kind === 'count') return Math.max(1, Math.floor(batch.n));
  // Rounded to 9 places first so 1000 × 14.3% is 143 hosts, not 144 through a floating-point tail.
  return Math.max(1, Math.ceil(Number(((total * batch.p) / 100).toFixed(9))));
}
