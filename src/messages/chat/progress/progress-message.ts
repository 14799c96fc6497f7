import type { HostState } from '../../../core/rollout/host-state.js';
import type { ProgressSnapshot } from '../../../core/rollout/progress-snapshot.js';
import type { HealthSample } from '../../../core/rollout/rollout.js';
import { formatDuration } from '../../../core/time/format-duration.js';
import { context } from '../../block-kit/context.js';
import type { SlackMessage } from '../../block-kit/slack-message.js';
import { fitText } from '../../block-kit/fit-text.js';
import { BLOCK_KIT_LIMITS } from '../../block-kit/limits.js';
import { section } from '../../block-kit/section.js';
import type { KnownBlock } from '../../block-kit/types.js';
import { escapeMrkdwn } from '../../escape-mrkdwn.js';
import { codeSpan } from '../code-span.js';
import { formatUtc } from '../format-utc.js';
import { describeBlip } from './describe-blip.js';
import { describeFailingHosts, describeInstallFailures } from './describe-failing-hosts.js';
import { describeHostCounts } from './describe-host-counts.js';
import { progressBar } from './progress-bar.js';

/** Hosts whose part is over, for better or worse: what the bar counts. */
const SETTLED: readonly HostState[] = ['healthy', 'failed', 'unreachable', 'skipped', 'rolled-back'];

const REASON_MARK: Partial<Record<ProgressSnapshot['state'], string>> = {
  paused: '⏸️',
  'rolling-back': '↩️',
  'rolled-back': '↩️',
  failed: '🛑',
  expired: '⌛',
};

export interface ProgressOptions {
  now: Date;
  /** The rollout's health samples, drawn as a sparkline; the snapshot carries only the blip's summary. */
  samples?: readonly HealthSample[];
}

/** The message edited in place while a rollout runs; its size does not grow with the fleet. */
export function progressMessage(snapshot: ProgressSnapshot, options: ProgressOptions): SlackMessage {
  const { now } = options;
  const total = Object.values(snapshot.counts).reduce((sum, count) => sum + count, 0);
  const settled = SETTLED.reduce((sum, state) => sum + snapshot.counts[state], 0);
  const state = snapshot.state.replaceAll('-', ' ');
  const wave = describeWave(snapshot.wave);
  const blocks: KnownBlock[] = [
    section(`*Rollout ${codeSpan(snapshot.rolloutId)}* — ${state} · ${wave}`),
    section(
      `\`${progressBar(settled, total)}\` · ${settled.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} hosts done\n${describeHostCounts(snapshot.counts)}`,
    ),
  ];
  // section() fits the text within Slack's limit.
  if (snapshot.reason !== undefined)
    blocks.push(section(`${REASON_MARK[snapshot.state] ?? 'ℹ️'} ${escapeMrkdwn(snapshot.reason)}`));
  if (snapshot.failingHosts.length > 0) blocks.push(section(describeFailingHosts(snapshot.failingHosts)));
  // Why the install stopped on the hosts whose rollback since took over their state and reason.
  if (snapshot.installFailures !== undefined) blocks.push(section(describeInstallFailures(snapshot.installFailures)));
  if (snapshot.keptHosts !== undefined)
    blocks.push(section(describeKeptHosts(snapshot.rolloutId, snapshot.keptHosts, snapshot.state)));
  blocks.push(section(describeBlip(snapshot.blip, options.samples ?? [], snapshot.budget)));
  blocks.push(context([...describeTimes(snapshot, now), `updated ${formatUtc(now)}`]));
  const failing = snapshot.failingHosts.length;
  const text = `Rollout ${escapeMrkdwn(snapshot.rolloutId)}: ${state}, ${wave}, ${settled} of ${total} hosts done${failing > 0 ? `, ${failing} failing` : ''}`;
  return { text: fitText(text, BLOCK_KIT_LIMITS.messageText), blocks };
}

/**
 * What a failed rollout still holds, and the way to let go of it (its reason says how to run the rollback again); or
 * what a done one could not put back after it failed within max errors.
 */
function describeKeptHosts(rolloutId: string, kept: number, state: ProgressSnapshot['state']): string {
  const abort = codeSpan(`/dten abort ${rolloutId}`);
  if (state === 'done')
    return kept === 1
      ? `🔒 The host that failed and could not be put back (see its reason) stays out of other plans. dten does not run its rollback again once the rollout is done: put it back (or finish it) by hand, then ${abort} lets it go as it is.`
      : `🔒 The ${kept.toLocaleString('en-US')} hosts that failed and could not be put back (see their reasons) stay out of other plans. dten does not run their rollback again once the rollout is done: put them back (or finish them) by hand, then ${abort} lets them go as they are.`;
  return kept === 1
    ? `🔒 The host it left changed stays out of other plans until its rollback runs again there, or ${abort} lets it go as it is.`
    : `🔒 The ${kept.toLocaleString('en-US')} hosts it left changed stay out of other plans until their rollback runs again, or ${abort} lets them go as they are.`;
}

function describeWave(wave: ProgressSnapshot['wave']): string {
  if (!wave) return 'no wave started yet';
  return `wave ${wave.index + 1} of ${wave.of}${wave.finished ? ' finished' : ''}`;
}

function describeTimes(snapshot: ProgressSnapshot, now: Date): string[] {
  // Once a rollout is over, the window's countdown means nothing; when it ended and how long it ran does.
  if (snapshot.endedAt !== undefined) {
    const ended = `ended ${formatUtc(snapshot.endedAt)}`;
    if (snapshot.startedAt === undefined) return [ended];
    return [
      `${ended}, ${formatDuration(Date.parse(snapshot.endedAt) - Date.parse(snapshot.startedAt))} after it started`,
    ];
  }
  const left = snapshot.windowSecondsLeft;
  const windowLine =
    left > 0
      ? `window ends ${formatUtc(new Date(now.getTime() + left * 1000))} (${formatDuration(left * 1000)} left)`
      : 'the window has ended';
  if (snapshot.state !== 'running') return [windowLine];
  if (snapshot.eta === undefined) return [windowLine, 'ETA once the first wave has finished'];
  const eta = new Date(snapshot.eta);
  return [windowLine, `ETA ${formatUtc(eta)} (in ${formatDuration(Math.max(0, eta.getTime() - now.getTime()))})`];
}
