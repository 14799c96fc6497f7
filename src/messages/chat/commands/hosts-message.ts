import type { AgentFacts } from '../../../jobs/agent-facts.js';
import { capItems } from '../../block-kit/cap-items.js';
import { context } from '../../block-kit/context.js';
import type { SlackMessage } from '../../block-kit/slack-message.js';
import { section } from '../../block-kit/section.js';
import { escapeMrkdwn } from '../../escape-mrkdwn.js';
import { codeSpan } from '../code-span.js';
import { countOf } from '../count-of.js';
import { formatUtc } from '../format-utc.js';

const MAX_LINES = 40;

/**
 * `/dten hosts [selector]`: each host with its labels, installed versions, when its agent last reported and the
 * rollout that holds it, if one does (a failed or done rollout holds the hosts it left changed).
 */
export function hostsMessage(
  hosts: readonly AgentFacts[],
  options: {
    selector?: string;
    aliveSince: Date;
    /** Host → the rollout holding it. */
    holders?: ReadonlyMap<string, string>;
    /** Those of the holding rollouts that are over (failed, or done): they hold the hosts they left changed. */
    endedHolders?: ReadonlyMap<string, string>;
  },
): SlackMessage {
  const alive = (host: AgentFacts): boolean => Date.parse(host.seenAt) >= options.aliveSince.getTime();
  const lines = [...hosts]
    .sort((a, b) => (a.hostId < b.hostId ? -1 : 1))
    .map((host) => {
      const labels = Object.entries(host.labels).map(([key, value]) => `${key}=${value}`);
      const versions = Object.entries(host.components).map(([name, version]) => `${name} ${version}`);
      const holder = options.holders?.get(host.hostId);
      return [
        `${alive(host) ? '🟢' : '⚪'} ${codeSpan(host.hostId)}`,
        labels.length > 0 ? escapeMrkdwn(labels.join(',')) : 'no labels',
        versions.length > 0 ? escapeMrkdwn(versions.join(', ')) : 'nothing installed',
        alive(host) ? 'reporting' : `silent since ${formatUtc(host.seenAt)}`,
        ...(holder === undefined ? [] : [describeHolder(holder, options.endedHolders?.get(holder))]),
      ].join(' · ');
    });
  const scope = options.selector ? ` matching ${codeSpan(options.selector)}` : '';
  const title = `${countOf(hosts.length, 'host')}${scope}`;
  return {
    text: title,
    blocks: [
      section(
        `*${title}*\n${lines.length === 0 ? 'No agent has reported yet: start `dten agent` on each host.' : capItems(lines, MAX_LINES, (more) => `_${more}_`).join('\n')}`,
      ),
      context(['🟢 the agent reported recently · ⚪ silent: its host would count as unreachable']),
    ],
  };
}

function describeHolder(rolloutId: string, ended: string | undefined): string {
  if (ended === undefined) return `in rollout ${codeSpan(rolloutId)}`;
  return ended === 'failed'
    ? `left changed by failed rollout ${codeSpan(rolloutId)}`
    : `left changed by rollout ${codeSpan(rolloutId)} (${ended})`;
}
