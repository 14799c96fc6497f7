import type { Rollout } from '../../../core/rollout/rollout.js';
import type { Verdict } from '../../../preflight/preflight-report.js';
import { context } from '../../block-kit/context.js';
import type { SlackMessage } from '../../block-kit/slack-message.js';
import { escapeMrkdwn } from '../../escape-mrkdwn.js';
import { planSummaryBlocks } from '../approval/plan-summary-blocks.js';
import { codeSpan } from '../code-span.js';
import { countOf } from '../count-of.js';
import { formatUtc } from '../format-utc.js';
import { mentionUser } from '../mention-user.js';

/** The message a plan starts its thread with: what was planned, by whom, and what happens next. */
export function planMessage(rollout: Rollout, verdict: Verdict, now: Date): SlackMessage {
  const { plan } = rollout;
  return {
    text: `${mentionUser(plan.requester)} planned rollout ${rollout.id}: ${escapeMrkdwn(plan.packageVersion)} on ${countOf(plan.targets.length, 'host')}`,
    blocks: [
      ...planSummaryBlocks(rollout, verdict),
      context([
        `Rollout ${codeSpan(rollout.id)} planned by ${mentionUser(plan.requester)} at ${formatUtc(now)}`,
        'Each host checks itself now; the approval card and live progress follow in this thread.',
      ]),
    ],
  };
}
