import { digestPlan } from '../../../core/rollout/digest-plan.js';
import type { Rollout } from '../../../core/rollout/rollout.js';
import { windowEnd } from '../../../core/rollout/window-end.js';
import { formatDuration } from '../../../core/time/format-duration.js';
import type { Verdict } from '../../../preflight/preflight-report.js';
import { actions } from '../../block-kit/actions.js';
import { button } from '../../block-kit/button.js';
import { confirmDialog } from '../../block-kit/confirm-dialog.js';
import { context } from '../../block-kit/context.js';
import type { SlackMessage } from '../../block-kit/slack-message.js';
import { fitText } from '../../block-kit/fit-text.js';
import { BLOCK_KIT_LIMITS } from '../../block-kit/limits.js';
import { escapeMrkdwn } from '../../escape-mrkdwn.js';
import { countOf } from '../count-of.js';
import { formatUtc } from '../format-utc.js';
import { formatUtcRange } from '../format-utc-range.js';
import { mentionUser } from '../mention-user.js';
import { APPROVE_ACTION_ID, APPROVAL_BLOCK_ID, REJECT_ACTION_ID } from './approval-action-ids.js';
import type { ApprovalButtonValue } from './approval-button-value.js';
import { planSummaryBlocks } from './plan-summary-blocks.js';

/** The card a release manager decides on; both buttons carry the digest of exactly the plan shown. */
export function approvalCardMessage(
  rollout: Rollout,
  options: { preflightVerdict: Verdict | undefined; now: Date },
): SlackMessage {
  const { plan } = rollout;
  const digest = digestPlan(plan);
  const expires = windowEnd(plan.window);
  const value = JSON.stringify({ rolloutId: rollout.id, digest } satisfies ApprovalButtonValue);
  const version = escapeMrkdwn(plan.packageVersion);
  const hosts = countOf(plan.targets.length, 'host');
  const what = `plan ${digest.slice(0, 12)}: ${version} on ${hosts}, ${formatUtcRange(plan.window.start, expires)}`;
  const left = formatDuration(Math.max(0, expires.getTime() - options.now.getTime()));
  const blocks = [
    ...planSummaryBlocks(rollout, options.preflightVerdict),
    context([
      `Requested by ${mentionUser(plan.requester)}`,
      `Approval expires with the window at ${formatUtc(expires)} (in ${left})`,
      'Any change to the plan voids the approval.',
    ]),
    actions(
      [
        button({
          text: 'Approve',
          actionId: APPROVE_ACTION_ID,
          value,
          style: 'primary',
          confirm: confirmDialog({
            title: 'Approve this plan?',
            text: `You approve ${what}. Any change to the plan voids your approval.`,
            confirm: 'Approve',
            style: 'primary',
          }),
        }),
        button({
          text: 'Reject',
          actionId: REJECT_ACTION_ID,
          value,
          style: 'danger',
          confirm: confirmDialog({
            title: 'Reject this plan?',
            text: `You reject ${what}. The plan must change before anyone can approve it.`,
            confirm: 'Reject',
            style: 'danger',
          }),
        }),
      ],
      { blockId: APPROVAL_BLOCK_ID },
    ),
  ];
  const text = `Approval needed: upgrade to ${version} on ${hosts}, requested by ${mentionUser(plan.requester)}`;
  return { text: fitText(text, BLOCK_KIT_LIMITS.messageText), blocks };
}
