import type { ProgressSnapshot } from '../../../core/rollout/progress-snapshot.js';
import { andMoreText } from '../../block-kit/and-more-text.js';
import { fitText } from '../../block-kit/fit-text.js';
import { escapeMrkdwn } from '../../escape-mrkdwn.js';
import { codeSpan } from '../code-span.js';

/** Few enough to read and to fit one section at 1,000 hosts; the rest are counted. */
const MAX_FAILING_SHOWN = 10;

/** One line per failing host with the reason its step gave, then `…and N more`. */
export function describeFailingHosts(failing: ProgressSnapshot['failingHosts']): string {
  return describeHostReasons('Failing hosts', failing);
}

/** One line per host whose install failed with the reason it failed with, then `…and N more`. */
export function describeInstallFailures(failures: NonNullable<ProgressSnapshot['installFailures']>): string {
  return describeHostReasons('Install failures', failures);
}

function describeHostReasons(title: string, hosts: readonly { host: string; reason: string }[]): string {
  const lines = hosts
    .slice(0, MAX_FAILING_SHOWN)
    .map(({ host, reason }) => `• ${codeSpan(host)} ${escapeMrkdwn(fitText(reason.replace(/\s+/g, ' '), 200))}`);
  const more = hosts.length - lines.length;
  if (more > 0) lines.push(andMoreText(more));
  return `*${title} (${hosts.length.toLocaleString('en-US')})*\n${lines.join('\n')}`;
}
