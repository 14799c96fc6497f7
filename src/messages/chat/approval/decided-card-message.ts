import type { Approval } from '../../../core/rollout/approval.js';
import type { Rollout } from '../../../core/rollout/rollout.js';
import type { Verdict } from '../../../preflight/preflight-report.js';
import { context } from '../../block-kit/context.js';
import type { SlackMessage } from '../../block-kit/slack-message.js';
import { fitText } from '../../block-kit/fit-text.js';
import { BLOCK_KIT_LIMITS } from '../../block-kit/limits.js';
import { escapeMrkdwn } from '../../escape-mrkdwn.js';
import { formatUtc } from '../format-utc.js';
import { mentionUser } from '../mention-user.js';
import { planSummaryBlocks } from './plan-summary-blocks.js';

/** The card once someone decided: the same plan, who decided and when, and no buttons left to press. */
export function decidedCardMessage(
  rollout: Rollout,
  approval: Approval,
  options: { preflightVerdict: Verdict | undefined },
): SlackMessage {
  const approved = approval.verdict === 'approve';
  const verb = approved ? 'Approved' : 'Rejected';
  const outcome = approved
    ? `valid until ${formatUtc(approval.expiresAt)}, for this plan only`
    : 'the plan must change before anyone can approve it';
  const blocks = [
    ...planSummaryBlocks(rollout, options.preflightVerdict),
    context([
      `${approved ? '✅' : '❌'} *${verb}* by ${mentionUser(approval.approver)} at ${formatUtc(approval.decidedAt)}`,
      `plan \`${approval.digest.slice(0, 12)}\`: ${outcome}`,
      `requested by ${mentionUser(approval.requester)}`,
    ]),
  ];
  const text = `${verb} by ${mentionUser(approval.approver)}: upgrade to ${escapeMrkdwn(rollout.plan.packageVersion)} (plan ${approval.digest.slice(0, 12)})`;
  return { text: fitText(text, BLOCK_KIT_LIMITS.messageText), blocks };
}
