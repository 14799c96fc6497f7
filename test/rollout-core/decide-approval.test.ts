import { describe, it, expect } from 'vitest';
import type { ApprovalPolicy } from '../../src/core/rollout/approval-policy.js';
import { createMembershipCheck } from '../../src/core/rollout/create-membership-check.js';
import { decideApproval, type ApprovalRequest } from '../../src/core/rollout/decide-approval.js';
import { digestPlan } from '../../src/core/rollout/digest-plan.js';
import { recordApprovalDecision } from '../../src/core/rollout/record-approval-decision.js';
import { buildTestPlan, minutesInto, WINDOW_START } from './build-test-plan.js';
import { rolloutIn } from './rollout-fixtures.js';

// Alice asks; Bob is a named approver; Carol approves through the release-managers group; Dave is nobody.
const policy: ApprovalPolicy = {
  users: ['U-ALICE', 'U-BOB'],
  groups: ['S-RELEASE-MANAGERS'],
  isMember: createMembershipCheck({ 'S-RELEASE-MANAGERS': ['U-CAROL'], 'S-SUPPORT': ['U-DAVE'] }),
};
const plan = buildTestPlan();
const earlier = minutesInto(WINDOW_START, -120);

function ask(overrides: Partial<ApprovalRequest>): ApprovalRequest {
  const base = { plan, state: 'awaiting-approval' as const, digest: digestPlan(plan), approver: 'U-BOB', now: earlier };
  return { ...base, policy, usedApprovals: [], ...overrides };
}

describe('approving a rollout plan', () => {
  it('when Bob approves the plan Alice asked for, it is approved until the window ends, and audited', () => {
    const decision = decideApproval(ask({}));
    expect(decision.ok && decision.approval).toEqual({
      digest: digestPlan(plan),
      verdict: 'approve',
      approver: 'U-BOB',
      requester: 'U-ALICE',
      decidedAt: earlier.toISOString(),
      expiresAt: '2026-03-14T23:00:00.000Z',
    });
    expect(decision.audit).toMatchObject({ from: 'awaiting-approval', to: 'approved', actor: { id: 'U-BOB' } });
  });

  it('when a requester clicks Approve on their own request, the approval is refused and audited', () => {
    const decision = decideApproval(ask({ approver: 'U-ALICE' }));
    expect(decision).toMatchObject({ ok: false, reason: 'self-approval' });
    expect(decision.audit).toMatchObject({ from: 'awaiting-approval', to: 'awaiting-approval', event: 'approve' });
    expect(decision.audit.detail).toContain('refused: self-approval');
  });

  it('when configuration allows self-approval, the requester may approve their own plan', () => {
    expect(decideApproval(ask({ approver: 'U-ALICE', policy: { ...policy, allowSelfApproval: true } })).ok).toBe(true);
  });

  it('when someone who is neither named nor in an approver group clicks Approve, it is refused', () => {
    expect(decideApproval(ask({ approver: 'U-DAVE' }))).toMatchObject({ ok: false, reason: 'not-an-approver' });
  });

  it('when a member of the release managers group approves, the approval is accepted', () => {
    expect(decideApproval(ask({ approver: 'U-CAROL' })).ok).toBe(true);
  });

  it('when the plan changed after the card was sent, approving the old card is refused', () => {
    const changed = { ...plan, batch: { kind: 'count', n: 4 } } as const;
    expect(decideApproval(ask({ plan: changed }))).toMatchObject({ ok: false, reason: 'digest-changed' });
  });

  it('when the window has ended, the approval is refused as expired', () => {
    expect(decideApproval(ask({ now: minutesInto(WINDOW_START, 60) }))).toMatchObject({ ok: false, reason: 'expired' });
    expect(decideApproval(ask({ now: minutesInto(WINDOW_START, 59) })).ok).toBe(true);
  });

  it('when Approve is clicked a second time, the second use is refused and both clicks are in the audit log', () => {
    let rollout = rolloutIn('awaiting-approval');
    const click = (approver: string) =>
      decideApproval(ask({ approver, state: rollout.state, usedApprovals: rollout.approvals.map((a) => a.digest) }));
    rollout = recordApprovalDecision(rollout, click('U-BOB'));
    const second = click('U-CAROL');
    rollout = recordApprovalDecision(rollout, second);
    expect(second).toMatchObject({ ok: false, reason: 'already-decided' });
    expect(rollout.state).toBe('approved');
    expect(rollout.approvals.map((a) => a.approver)).toEqual(['U-BOB']);
    expect(rollout.audit.map((entry) => [entry.actor.id, entry.to])).toEqual([
      ['U-BOB', 'approved'],
      ['U-CAROL', 'approved'],
    ]);
  });

  it('when a plan was rejected and is asked for again unchanged, approving it is refused until the plan changes', () => {
    const rejected = recordApprovalDecision(rolloutIn('awaiting-approval'), decideApproval(ask({ verdict: 'reject' })));
    expect(rejected.state).toBe('draft');
    const asked = { state: 'awaiting-approval' as const, usedApprovals: rejected.approvals.map((a) => a.digest) };
    expect(decideApproval(ask({ ...asked, approver: 'U-CAROL' }))).toMatchObject({
      ok: false,
      reason: 'already-decided',
    });
  });
});
