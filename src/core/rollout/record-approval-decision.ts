import type { ApprovalDecision } from './decide-approval.js';
import type { Rollout } from './rollout.js';
import { transition } from './transition.js';

/** Appends a decision to the rollout: an accepted one moves its state and is remembered as used. */
export function recordApprovalDecision(rollout: Rollout, decision: ApprovalDecision): Rollout {
  if (!decision.ok) return { ...rollout, audit: [...rollout.audit, decision.audit] };
  const { event, actor, at, detail } = decision.audit;
  const decided = transition(rollout, event === 'reject' ? 'reject' : 'approve', actor, new Date(at), detail);
  return { ...decided, approvals: [...rollout.approvals, decision.approval] };
}
