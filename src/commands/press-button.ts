import { decideRollout } from '../control/decide-rollout.js';
import type { ApprovalRefusal } from '../core/rollout/decide-approval.js';
import { APPROVE_ACTION_ID, REJECT_ACTION_ID } from '../messages/chat/approval/approval-action-ids.js';
import { readApprovalButtonValue } from '../messages/chat/approval/read-approval-button-value.js';
import { approvalRefusalText } from '../messages/chat/commands/approval-refusal-text.js';
import { problemMessage } from '../messages/chat/commands/problem-message.js';
import { answerProblem } from './answer-problem.js';
import type { ChatContext } from './chat-context.js';
import { checkEnvironmentLocks } from './check-environment-locks.js';
import type { ButtonPress } from './command-request.js';
import { syncRolloutMessages } from './sync-rollout-messages.js';

const VERDICTS: Record<string, 'approve' | 'reject'> = { [APPROVE_ACTION_ID]: 'approve', [REJECT_ACTION_ID]: 'reject' };

/**
 * Approve or Reject on an approval card. The core decides (approvers, four-eyes, digest, single use, expiry) and
 * audits every click; a refused click changes nothing and is answered only to the person who clicked. Never throws.
 */
export async function pressButton(ctx: ChatContext, press: ButtonPress): Promise<void> {
  const log = ctx.log.child({ user: press.user, actionId: press.actionId });
  const to = { channel: press.message.channel, user: press.user };
  try {
    const verdict = VERDICTS[press.actionId];
    const value = readApprovalButtonValue(press.value);
    if (!verdict || !value) {
      log.warn('a button dten does not know was pressed');
      return await ctx.surface.whisper(to.channel, to.user, problemMessage(approvalRefusalText('unknown-button')));
    }
    if (verdict === 'approve') {
      const rollout = await ctx.control.store.get(value.rolloutId);
      const registered = await ctx.hosts.list();
      const targets = new Set(rollout?.plan.targets ?? []);
      await checkEnvironmentLocks(
        ctx.locks,
        registered.filter((host) => targets.has(host.hostId)),
      );
    }
    const { decision } = await decideRollout(ctx.control, {
      rolloutId: value.rolloutId,
      digest: value.digest,
      approver: press.user,
      verdict,
      policy: await ctx.approvers.policy(),
    });
    log.info({ rolloutId: value.rolloutId, verdict, ok: decision.ok }, 'approval decided');
    if (!decision.ok) {
      const reason: ApprovalRefusal = decision.reason;
      return await ctx.surface.whisper(to.channel, to.user, problemMessage(approvalRefusalText(reason)));
    }
    await syncRolloutMessages(ctx, value.rolloutId);
  } catch (error) {
    await answerProblem(ctx.surface, to, error, log);
  }
}
