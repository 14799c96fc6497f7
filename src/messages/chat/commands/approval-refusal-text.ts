import type { ApprovalRefusal } from '../../../core/rollout/decide-approval.js';

const TEXT: Record<ApprovalRefusal | 'unknown-button', string> = {
  'not-an-approver':
    'You are not one of the approvers for rollouts, so your click changed nothing. Ask a release manager listed in DTEN_APPROVERS.',
  'self-approval': 'You requested this plan, so you cannot approve it: another approver has to (four-eyes).',
  'digest-changed':
    'This card shows a plan that has changed since; your click changed nothing. Decide on the newest card.',
  expired: 'This plan can no longer be decided: its window has ended. Plan again with a new window.',
  'already-decided': 'This plan was already decided; your click changed nothing. The card shows who decided and when.',
  'unknown-button': 'That button is not one dten can act on; nothing changed. Use the buttons on the newest card.',
};

/** Why a click on Approve or Reject changed nothing, and what to do instead. */
export function approvalRefusalText(reason: ApprovalRefusal | 'unknown-button'): string {
  return TEXT[reason];
}
