import type { Batch } from '../../../core/rollout/plan.js';
import { countOf } from '../count-of.js';

/** The batch as the requester typed it: `2 hosts per wave` or `25% of the targets per wave`. */
export function describeBatch(batch: Batch): string {
  return batch.kind === 'count' ? `${countOf(batch.n, 'host')} per wave` : `${batch.p}% of the targets per wave`;
}
