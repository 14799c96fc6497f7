import type { Rollout } from '../../../core/rollout/rollout.js';
import { fitText } from '../../block-kit/fit-text.js';
import { section } from '../../block-kit/section.js';
import type { KnownBlock } from '../../block-kit/types.js';
import { escapeMrkdwn } from '../../escape-mrkdwn.js';
import { formatUtc } from '../format-utc.js';
import { mentionUser } from '../mention-user.js';

const DETAIL_CHARS = 200;

/**
 * The latest entries of a rollout's audit log, oldest first: when, who or what, which event, the state it led to and
 * why. Shown with `/dten status <rollout>`, so the on-call engineer can read who decided what without Redis.
 */
export function auditTrailBlock(rollout: Rollout, limit = 12): KnownBlock {
  const entries = rollout.audit.slice(-limit);
  const lines = entries.map((entry) => {
    const who =
      entry.actor.kind === 'user'
        ? mentionUser(entry.actor.id)
        : entry.actor.kind === 'agent'
          ? `agent ${escapeMrkdwn(entry.actor.id)}`
          : 'dten';
    const moved = entry.from === entry.to ? '' : ` → ${entry.to.replaceAll('-', ' ')}`;
    const why = entry.detail ? ` — ${escapeMrkdwn(fitText(entry.detail, DETAIL_CHARS))}` : '';
    return `\`${formatUtc(entry.at)}\` ${who}: ${entry.event.replaceAll('-', ' ')}${moved}${why}`;
  });
  const shown = entries.length < rollout.audit.length ? ` (the last ${entries.length} of ${rollout.audit.length})` : '';
  // section() fits the whole within Slack's limit.
  return section(`*Audit log*${shown}\n${lines.join('\n')}`);
}
