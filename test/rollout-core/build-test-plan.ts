import { createHash } from 'node:crypto';
import { planSchema, type Plan, type PlanInput } from '../../src/core/rollout/plan.js';

/** A real-looking plan: the digest of a package body, `count` hosts named web-01…, a one-hour window. */
export function buildTestPlan(overrides: Partial<PlanInput> = {}, count = 5): Plan {
  return planSchema.parse({
    packageDigest: createHash('sha256').update('Full-upgrade-package-dten 4.2.0').digest('hex'),
    packageVersion: '4.2.0',
    packageSource: { key: 'Full-upgrade-package-dten.zip' },
    targets: Array.from({ length: count }, (_, i) => `web-${String(i + 1).padStart(2, '0')}`),
    canary: 1,
    batch: { kind: 'count', n: 2 },
    bakeSeconds: 120,
    window: { start: '2026-03-14T22:00:00Z', durationMinutes: 60 },
    requester: 'U-ALICE',
    ...overrides,
  });
}

export const WINDOW_START = new Date('2026-03-14T22:00:00Z');

export function minutesInto(window: Date, minutes: number): Date {
  return new Date(window.getTime() + minutes * 60_000);
}
