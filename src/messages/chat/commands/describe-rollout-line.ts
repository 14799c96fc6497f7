import type { Rollout } from '../../../core/rollout/rollout.js';
import { windowEnd } from '../../../core/rollout/window-end.js';
import { escapeMrkdwn } from '../../escape-mrkdwn.js';
import { codeSpan } from '../code-span.js';
import { countOf } from '../count-of.js';
import { formatUtcRange } from '../format-utc-range.js';
import { mentionUser } from '../mention-user.js';

/** One rollout on one line: id, state (and wave), version, hosts, window, requester. */
export function describeRolloutLine(rollout: Rollout): string {
  const { plan } = rollout;
  const wave = rollout.state === 'running' && rollout.wave ? ` (wave ${rollout.wave.index + 1})` : '';
  return [
    `${codeSpan(rollout.id)} *${rollout.state.replaceAll('-', ' ')}*${wave}`,
    `${escapeMrkdwn(plan.packageVersion)} on ${countOf(plan.targets.length, 'host')}`,
    formatUtcRange(rollout.window.start, windowEnd(rollout.window)),
    `by ${mentionUser(plan.requester)}`,
  ].join(' · ');
}
