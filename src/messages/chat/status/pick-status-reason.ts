import type { Rollout } from '../../../core/rollout/rollout.js';
import type { StatusReason } from './status-reasons.js';

/**
 * The reason the audit log supports when the caller has none: more time needed, or what started the rollback (that was
 * undone, or that could not be undone everywhere: interrupted).
 */
export function pickStatusReason(rollout: Rollout, kind: 'extended' | 'rolled-back' | 'interrupted'): StatusReason {
  if (kind === 'extended') return 'more-time-needed';
  // What started it: not a person running a failed rollback again.
  const cause = rollout.audit.findLast(
    (entry) => entry.to === 'rolling-back' && entry.from !== 'rolling-back' && entry.from !== 'failed',
  );
  if (!cause) return 'problem-found';
  if (cause.event === 'threshold-exceeded') return 'checks-failed';
  if (cause.event === 'budget-exceeded') return 'error-rate';
  return cause.actor.kind === 'user' ? 'stopped-by-team' : 'problem-found';
}
