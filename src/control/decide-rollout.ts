import type { ApprovalPolicy } from '../core/rollout/approval-policy.js';
import { decideApproval, type ApprovalDecision } from '../core/rollout/decide-approval.js';
import { recordApprovalDecision } from '../core/rollout/record-approval-decision.js';
import type { Rollout } from '../core/rollout/rollout.js';
import type { ControlContext } from './control-context.js';
import { loadRollout } from './load-rollout.js';

export interface RolloutDecisionRequest {
  rolloutId: string;
  /** The plan digest the approver was shown. */
  digest: string;
  approver: string;
  verdict: 'approve' | 'reject';
  policy: ApprovalPolicy;
}

/** One click on Approve or Reject: decided by the core's policy, audited either way; an approval starts the driver. */
export async function decideRollout(
  ctx: ControlContext,
  request: RolloutDecisionRequest,
): Promise<{ decision: ApprovalDecision; rollout: Rollout }> {
  await loadRollout(ctx, request.rolloutId);
  let decision: ApprovalDecision | undefined;
  const rollout = await ctx.store.update(request.rolloutId, (current) => {
    decision = decideApproval({
      plan: current.plan,
      state: current.state,
      digest: request.digest,
      approver: request.approver,
      verdict: request.verdict,
      now: ctx.now(),
      policy: request.policy,
      usedApprovals: current.approvals.map((approval) => approval.digest),
    });
    return recordApprovalDecision(current, decision);
  });
  // Either way the driver acts now: an approved plan is scheduled, a rejected one ends.
  if (decision!.ok) await ctx.startDriver(request.rolloutId);
  return { decision: decision!, rollout };
}
