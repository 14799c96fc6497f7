import { describe, expect, it } from 'vitest';
import type { ApprovalPolicy } from '../../src/core/rollout/approval-policy.js';
import { decideApproval } from '../../src/core/rollout/decide-approval.js';
import { digestPlan } from '../../src/core/rollout/digest-plan.js';
import { recordApprovalDecision } from '../../src/core/rollout/record-approval-decision.js';
import type { Rollout } from '../../src/core/rollout/rollout.js';
import { transition } from '../../src/core/rollout/transition.js';
import type { ActionsBlock, Button, KnownBlock } from '../../src/messages/block-kit/types.js';
import { APPROVE_ACTION_ID, REJECT_ACTION_ID } from '../../src/messages/chat/approval/approval-action-ids.js';
import { approvalCardMessage } from '../../src/messages/chat/approval/approval-card-message.js';
import { decidedCardMessage } from '../../src/messages/chat/approval/decided-card-message.js';
import { expiredCardMessage } from '../../src/messages/chat/approval/expired-card-message.js';
import { readApprovalButtonValue } from '../../src/messages/chat/approval/read-approval-button-value.js';
import { alice, at, awaitingApproval, bob, buildChatPlan, controlPlane } from './chat-fixtures.js';
import { blockText, expectWithinLimits } from './expect-within-limits.js';
import { escapeMrkdwn } from '../../src/messages/escape-mrkdwn.js';

const policy: ApprovalPolicy = { users: [alice.id, bob.id], groups: [], isMember: () => false };

function buttons(blocks: readonly KnownBlock[]): Button[] {
  const actions = blocks.filter((block): block is ActionsBlock => block.type === 'actions');
  return actions.flatMap((block) => block.elements.filter((element): element is Button => element.type === 'button'));
}

/** What Bolt hands the listener when `user` clicks the button: the value goes back through the core. */
function click(rollout: Rollout, button: Button | undefined, user: string, now: Date) {
  const value = readApprovalButtonValue(button?.value);
  if (!value) throw new Error('the button carries no approval value');
  return decideApproval({
    plan: rollout.plan,
    state: rollout.state,
    digest: value.digest,
    approver: user,
    verdict: button?.action_id === REJECT_ACTION_ID ? 'reject' : 'approve',
    now,
    policy,
    usedApprovals: rollout.approvals.map((approval) => approval.digest),
  });
}

describe('the approval card', () => {
  it('shows the plan an approver decides on: version, targets, waves, window in UTC, canary, batch, max errors, requester', () => {
    const rollout = awaitingApproval();
    const message = approvalCardMessage(rollout, { preflightVerdict: 'warnings', now: at(-100) });
    expectWithinLimits(message);
    const text = blockText(message.blocks);
    expect(text).toContain('Upgrade to 4.2.0 on 5 hosts');
    expect(text).toContain(`*Package*\n4.2.0 · sha256 \`${rollout.plan.packageDigest.slice(0, 12)}…\``);
    expect(text).toContain('*Preflight*\n⚠️ passed with warnings');
    expect(text).toContain(
      '*Targets*\n5 hosts: `app-ams-0001.corp.internal`, `app-ams-0002.corp.internal`, `app-ams-0003.corp.internal`, `app-ams-0004.corp.internal`, `app-ams-0005.corp.internal`',
    );
    expect(text).toContain('*Waves*\n3 waves: canary of 1, then 2 waves of 2');
    expect(text).toContain('*Window*\n2026-03-14 22:00–23:00 UTC (1h)');
    expect(text).toContain('*Canary*\n1 host first');
    expect(text).toContain('*Batch*\n2 hosts per wave');
    expect(text).toContain(
      '*Max errors*\nthe rollout stops when failed hosts exceed 1 (until then, a host that fails goes back to the old version on its own)',
    );
    const budgeted = {
      ...rollout,
      plan: { ...rollout.plan, errorBudget: { sloPercent: 99.9, periodDays: 30, sharePercent: 25 } },
    };
    expect(blockText(approvalCardMessage(budgeted, { preflightVerdict: 'pass', now: at(-100) }).blocks)).toContain(
      '*Max errors*\nthe rollout stops when failed hosts exceed 1 (until then, a host that fails goes back to the old version on its own), or when the monitoring blip spends more than 10m 48s of error budget (25% of what 99.9% over 30 days allows)',
    );
    expect(text).toContain(`*Plan digest*\n\`${digestPlan(rollout.plan).slice(0, 12)}\``);
    expect(text).toContain(`Requested by <@${alice.id}>`);
    expect(text).toContain('Approval expires with the window at 2026-03-14 23:00 UTC (in 2h 40m)');
    expect(message.text).toBe(`Approval needed: upgrade to 4.2.0 on 5 hosts, requested by <@${alice.id}>`);
  });

  it("says what the agents' own preflight noted without keeping a host out, each note once with how many hosts", () => {
    const rollout = awaitingApproval();
    const checkedAt = at(-115).toISOString();
    const unprobed = 'postgresql >=13 <17: not checked, no probe reads its version here (DTEN_PROBES)';
    const preflight = Object.fromEntries(
      rollout.plan.targets.map((host, i) => [
        host,
        {
          ok: true,
          problems: [],
          notes: i < 2 ? [unprobed, 'openssl runs 3.0.17; "latest" is not a version range'] : [unprobed],
          checkedAt,
        },
      ]),
    );
    const text = blockText(
      approvalCardMessage({ ...rollout, preflight }, { preflightVerdict: 'pass', now: at(-100) }).blocks,
    );
    expect(text).toContain(
      [
        '*Per-host preflight* 5 of 5 hosts passed; notes that keep no host out:',
        // The agents' words are escaped like any untrusted text (no markup, entities for < and >).
        `• ${escapeMrkdwn(unprobed)} (5 hosts)`,
        '• openssl runs 3.0.17; "latest" is not a version range (2 hosts)',
      ].join('\n'),
    );
    const quiet = Object.fromEntries(rollout.plan.targets.map((host) => [host, { ok: true, problems: [], checkedAt }]));
    expect(
      blockText(
        approvalCardMessage({ ...rollout, preflight: quiet }, { preflightVerdict: 'pass', now: at(-100) }).blocks,
      ),
    ).toContain('*Per-host preflight* 5 of 5 hosts passed.');
  });

  it('has Approve and Reject buttons with their action ids, the rollout and plan digest, and a confirm dialog each', () => {
    const rollout = awaitingApproval();
    const [approve, reject] = buttons(approvalCardMessage(rollout, { preflightVerdict: 'pass', now: at(-100) }).blocks);
    expect([approve?.action_id, reject?.action_id]).toEqual([APPROVE_ACTION_ID, REJECT_ACTION_ID]);
    expect([approve?.style, reject?.style]).toEqual(['primary', 'danger']);
    for (const button of [approve, reject]) {
      expect(readApprovalButtonValue(button?.value)).toEqual({
        rolloutId: 'rollout-7',
        digest: digestPlan(rollout.plan),
      });
    }
    expect(approve?.confirm?.title?.text).toBe('Approve this plan?');
    expect(approve?.confirm?.text.text).toBe(
      `You approve plan ${digestPlan(rollout.plan).slice(0, 12)}: 4.2.0 on 5 hosts, 2026-03-14 22:00–23:00 UTC. Any change to the plan voids your approval.`,
    );
    expect(reject?.confirm?.style).toBe('danger');
    expect(reject?.confirm?.text.text).toContain('The plan must change before anyone can approve it.');
  });

  it('when Bob clicks Approve, the digest the button carries is the plan the core approves, and the card then says who and when', () => {
    const rollout = awaitingApproval();
    const [approve] = buttons(approvalCardMessage(rollout, { preflightVerdict: 'pass', now: at(-100) }).blocks);
    const decision = click(rollout, approve, bob.id, at(-90));
    expect(decision.ok).toBe(true);
    const approved = recordApprovalDecision(rollout, decision);
    expect(approved.state).toBe('approved');
    const [approval] = approved.approvals;
    if (!approval) throw new Error('no approval was recorded');
    const card = decidedCardMessage(approved, approval, { preflightVerdict: 'pass' });
    expectWithinLimits(card);
    expect(buttons(card.blocks)).toEqual([]);
    expect(card.blocks.some((block) => block.type === 'actions')).toBe(false);
    const text = blockText(card.blocks);
    expect(text).toContain(`✅ *Approved* by <@${bob.id}> at 2026-03-14 20:30 UTC`);
    expect(text).toContain(`plan \`${digestPlan(rollout.plan).slice(0, 12)}\`: valid until 2026-03-14 23:00 UTC`);
    expect(card.text).toContain(`Approved by <@${bob.id}>`);
  });

  it('when the requester clicks Approve on their own card, the core refuses it: the button gives no way around four-eyes', () => {
    const rollout = awaitingApproval();
    const [approve] = buttons(approvalCardMessage(rollout, { preflightVerdict: 'pass', now: at(-100) }).blocks);
    expect(click(rollout, approve, alice.id, at(-90))).toMatchObject({ ok: false, reason: 'self-approval' });
  });

  it('when the plan changed after the card was posted, a click on the old card is refused as digest-changed', () => {
    const rollout = awaitingApproval();
    const [approve] = buttons(approvalCardMessage(rollout, { preflightVerdict: 'pass', now: at(-100) }).blocks);
    const moved = { ...rollout, plan: buildChatPlan({ window: { start: at(60).toISOString(), durationMinutes: 60 } }) };
    expect(click(moved, approve, bob.id, at(-90))).toMatchObject({ ok: false, reason: 'digest-changed' });
  });

  it('when Bob rejects, the card names him, says the plan must change, and has no buttons', () => {
    const rollout = awaitingApproval();
    const [, reject] = buttons(approvalCardMessage(rollout, { preflightVerdict: 'pass', now: at(-100) }).blocks);
    const rejected = recordApprovalDecision(rollout, click(rollout, reject, bob.id, at(-80)));
    expect(rejected.state).toBe('draft');
    const card = decidedCardMessage(rejected, rejected.approvals[0]!, { preflightVerdict: 'pass' });
    expect(buttons(card.blocks)).toEqual([]);
    expect(blockText(card.blocks)).toContain(`❌ *Rejected* by <@${bob.id}> at 2026-03-14 20:40 UTC`);
    expect(blockText(card.blocks)).toContain('the plan must change before anyone can approve it');
  });

  it('when nobody decided before the window ended, the expired card says so and has no buttons', () => {
    const expired = transition(awaitingApproval(), 'window-ended', controlPlane, at(60));
    const card = expiredCardMessage(expired, { preflightVerdict: 'pass' });
    expectWithinLimits(card);
    expect(buttons(card.blocks)).toEqual([]);
    expect(blockText(card.blocks)).toContain(
      '⌛ *Expired* at 2026-03-14 23:00 UTC: nobody decided before the window ended',
    );
    expect(card.text).toContain('Approval request expired: upgrade to 4.2.0');
  });

  it('for 1,000 hosts in 10% batches it names five, counts the rest, sums up the waves and stays within Slack’s limits', () => {
    const plan = buildChatPlan({ canary: 10, batch: { kind: 'percent', p: 10 }, maxErrors: 25 }, 1000);
    const message = approvalCardMessage(awaitingApproval(plan), { preflightVerdict: 'pass', now: at(-100) });
    expectWithinLimits(message);
    const text = blockText(message.blocks);
    expect(text).toContain('Upgrade to 4.2.0 on 1,000 hosts');
    expect(text).toContain('`app-ams-0005.corp.internal` and 995 more');
    expect(text).not.toContain('app-ams-0006');
    expect(text).toContain('*Waves*\n11 waves: canary of 10, then 9 waves of 100, then 1 wave of 90');
    expect(text).toContain('*Batch*\n10% of the targets per wave');
    expect(text).toContain('the rollout stops when failed hosts exceed 25');
  });
});

describe('the approval button value', () => {
  it('when a click carries anything but a rollout id and a full digest, it is not read as an approval', () => {
    const digest = 'a'.repeat(64);
    expect(readApprovalButtonValue(JSON.stringify({ rolloutId: 'r-1', digest }))).toEqual({ rolloutId: 'r-1', digest });
    for (const value of [
      undefined,
      '',
      'approve',
      '{"rolloutId":"r-1"}',
      JSON.stringify({ rolloutId: 'r-1', digest: 'abc' }),
    ]) {
      expect(readApprovalButtonValue(value)).toBeUndefined();
    }
    expect(readApprovalButtonValue(JSON.stringify({ rolloutId: 'r-1', digest, extra: 1 }))).toBeUndefined();
  });
});
