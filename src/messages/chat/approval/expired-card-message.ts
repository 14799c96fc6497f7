import type { Rollout } from '../../../core/rollout/rollout.js';
import { windowEnd } from '../../../core/rollout/window-end.js';
import type { Verdict } from '../../../preflight/preflight-report.js';
import { context } from '../../block-kit/context.js';
import type { SlackMessage } from '../../block-kit/slack-message.js';
import { fitText } from '../../block-kit/fit-text.js';
import { BLOCK_KIT_LIMITS } from '../../block-kit/limits.js';
import { escapeMrkdwn } from '../../escape-mrkdwn.js';
import { formatUtc } from '../format-utc.js';
import { mentionUser } from '../mention-user.js';
import { planSummaryBlocks } from './plan-summary-blocks.js';

/** The card once nobody decided in time: the plan stays readable, the buttons are gone. */
export function expiredCardMessage(rollout: Rollout, options: { preflightVerdict: Verdict | undefined }): SlackMessage {
  const lapse = rollout.audit.findLast((entry) => entry.to === 'expired');
  const at = lapse ? lapse.at : windowEnd(rollout.plan.window).toISOString();
  const blocks = [
    ...planSummaryBlocks(rollout, options.preflightVerdict),
    context([
      `⌛ *Expired* at ${formatUtc(at)}: nobody decided before the window ended`,
      `${mentionUser(rollout.plan.requester)} can plan a new window and ask again`,
    ]),
  ];
  const text = `Approval request expired: upgrade to ${escapeMrkdwn(rollout.plan.packageVersion)}, nobody decided before the window ended`;
  return { text: fitText(text, BLOCK_KIT_LIMITS.messageText), blocks };
}
