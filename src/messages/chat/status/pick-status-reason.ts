import type { Rollout } from '../../../core/rollout/rollout.js';
import type { StatusReason } from './status-reasons.js';

/** The reason the audit log supports when the caller has none: what started the rollback, or more time needed. */
export function pickStatusReason(rollout: Rollout, kind: 'extended' | 'rolled-back'): StatusReason {
  if (kind === 'extended') return 'more-time-needed';
  // What started it: not a person running a failed rollback again.
  const cause = rollout.audit.findLast(
    (entry) => entry.to === 'rolling-back' && entry.from !== 'rolling-back' && entry.from !== 'failed',
  );
  if (!cause) return 'problem-found';
  if (cause.event === 'threshold-exceeded') return 'checks-failed';
  return cause.actor.kind === 'user' ? 'stopped-by-team' : 'problem-found';
}
