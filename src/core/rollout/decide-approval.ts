import type { Approval } from './approval.js';
import type { ApprovalPolicy } from './approval-policy.js';
import type { AuditEntry } from './audit-entry.js';
import { digestPlan } from './digest-plan.js';
import type { Plan } from './plan.js';
import type { RolloutState } from './rollout-state.js';
import { windowEnd } from './window-end.js';

export type ApprovalRefusal = 'not-an-approver' | 'self-approval' | 'digest-changed' | 'expired' | 'already-decided';

export interface ApprovalRequest {
  plan: Plan;
  /** The rollout's state now; only `awaiting-approval` can be decided. */
  state: RolloutState;
  /** The digest the approver was shown (carried by the approval card). */
  digest: string;
  approver: string;
  verdict?: 'approve' | 'reject';
  now: Date;
  policy: ApprovalPolicy;
  /** Digests already decided for this rollout: a rejected plan must change before it can be approved. */
  usedApprovals: readonly string[];
}

export type ApprovalDecision =
  { ok: true; approval: Approval; audit: AuditEntry } | { ok: false; reason: ApprovalRefusal; audit: AuditEntry };

/** Decides one click on Approve or Reject; both outcomes come with their audit entry. */
export function decideApproval(request: ApprovalRequest): ApprovalDecision {
  const { plan, state, digest, approver, now } = request;
  const verdict = request.verdict ?? 'approve';
  const expiresAt = windowEnd(plan.window);
  const reason = findRefusal(request, verdict, expiresAt);
  const short = `${digest.slice(0, 12)}…`;
  const audit: AuditEntry = {
    at: now.toISOString(),
    from: state,
    to: reason ? state : verdict === 'approve' ? 'approved' : 'draft',
    event: verdict,
    actor: { kind: 'user', id: approver },
    detail: reason
      ? `${verdict} of plan ${short} refused: ${reason}`
      : `${verdict === 'approve' ? 'approved' : 'rejected'} plan ${short}`,
  };
  if (reason) return { ok: false, reason, audit };
  const approval: Approval = {
    digest,
    verdict,
    approver,
    requester: plan.requester,
    decidedAt: audit.at,
    expiresAt: expiresAt.toISOString(),
  };
  return { ok: true, approval, audit };
}

function findRefusal(request: ApprovalRequest, verdict: string, expiresAt: Date): ApprovalRefusal | undefined {
  const { policy, approver, plan, state } = request;
  const named = policy.users.includes(approver) || policy.groups.some((group) => policy.isMember(approver, group));
  if (!named) return 'not-an-approver';
  if (verdict === 'approve' && approver === plan.requester && policy.allowSelfApproval !== true) return 'self-approval';
  if (request.digest !== digestPlan(plan)) return 'digest-changed';
  if (state === 'expired' || request.now.getTime() >= expiresAt.getTime()) return 'expired';
  if (state !== 'awaiting-approval' || request.usedApprovals.includes(request.digest)) return 'already-decided';
  return undefined;
}
