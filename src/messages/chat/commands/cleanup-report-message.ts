import type { Rollout } from '../../../core/rollout/rollout.js';
import { capItems } from '../../block-kit/cap-items.js';
import type { SlackMessage } from '../../block-kit/slack-message.js';
import { section } from '../../block-kit/section.js';
import { escapeMrkdwn } from '../../escape-mrkdwn.js';
import { codeSpan } from '../code-span.js';

const MARK = { pending: '⏳', running: '⏳', done: '✅', failed: '🛠️' } as const;

/** `/dten cleanup <rollout>`: what cleanup did on each host, and what still needs a person. */
export function cleanupReportMessage(rollout: Rollout): SlackMessage {
  const entries = Object.entries(rollout.cleanup ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  const title = `Cleanup of ${codeSpan(rollout.id)}`;
  if (entries.length === 0) {
    const when =
      rollout.state === 'done' || rollout.state === 'cleaning'
        ? 'no host was on the new version to clean up.'
        : `it has not started: cleanup runs once every wave is verified (the rollout is ${rollout.state.replaceAll('-', ' ')}).`;
    return { text: `${title}: ${when}`, blocks: [section(`*${title}*: ${when}`)] };
  }
  const lines = entries.map(
    ([host, cleanup]) =>
      `${MARK[cleanup.state]} ${codeSpan(host)} ${cleanup.state}${cleanup.detail ? ` — ${escapeMrkdwn(cleanup.detail)}` : ''}`,
  );
  const failed = entries.filter(([, cleanup]) => cleanup.state === 'failed').length;
  const next =
    failed > 0
      ? rollout.state === 'done'
        ? `🛠️ ${failed} host(s) need a person: fix what the items above say, then \`/dten cleanup ${rollout.id} retry\` runs them again (an item without a hook is removed by hand; note it in the thread).`
        : `🛠️ ${failed} host(s) need a person: restore or remove the items named above by hand, then note it in the thread.`
      : 'Nothing is left for a person to do.';
  return {
    text: `${title}: ${failed > 0 ? `${failed} host(s) need a person` : 'done'}`,
    blocks: [section(`*${title}*\n${capItems(lines, 40, (more) => `_${more}_`).join('\n')}`), section(next)],
  };
}
