import type { ProgressSnapshot } from '../../../core/rollout/progress-snapshot.js';
import { andMoreText } from '../../block-kit/and-more-text.js';
import { fitText } from '../../block-kit/fit-text.js';
import { escapeMrkdwn } from '../../escape-mrkdwn.js';
import { codeSpan } from '../code-span.js';

/** Few enough to read and to fit one section at 1,000 hosts; the rest are counted. */
const MAX_FAILING_SHOWN = 10;

/** One line per failing host with the reason its step gave, then `…and N more`. */
export function describeFailingHosts(failing: ProgressSnapshot['failingHosts']): string {
  const lines = failing
    .slice(0, MAX_FAILING_SHOWN)
    .map(({ host, reason }) => `• ${codeSpan(host)} ${escapeMrkdwn(fitText(reason.replace(/\s+/g, ' '), 200))}`);
  const more = failing.length - lines.length;
  if (more > 0) lines.push(andMoreText(more));
  return `*Failing hosts (${failing.length.toLocaleString('en-US')})*\n${lines.join('\n')}`;
}
