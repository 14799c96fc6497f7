import { loadRollout } from '../control/load-rollout.js';
import { buildProgressSnapshot } from '../core/rollout/build-progress-snapshot.js';
import { auditTrailBlock } from '../messages/chat/commands/audit-trail-block.js';
import { cleanupReportMessage } from '../messages/chat/commands/cleanup-report-message.js';
import { rolloutListBlocks } from '../messages/chat/commands/rollout-list-blocks.js';
import { progressMessage } from '../messages/chat/progress/progress-message.js';
import type { ChatContext } from './chat-context.js';
import type { CommandRequest } from './command-request.js';
import type { ParsedCommand } from './parse/parsed-command.js';

const LISTED = 50;

/** `/dten status [rollout]` and `/dten cleanup <rollout>`: answered to the person who asked. */
export async function handleStatus(
  ctx: ChatContext,
  request: CommandRequest,
  command: Extract<ParsedCommand, { kind: 'status' | 'cleanup' }>,
): Promise<void> {
  const now = ctx.now();
  if (command.rolloutId === undefined) {
    const rollouts = await ctx.control.store.list(LISTED);
    const blocks = rolloutListBlocks(rollouts);
    return ctx.surface.whisper(request.channel, request.user, { text: `${rollouts.length} rollouts`, blocks });
  }
  const rollout = await loadRollout(ctx.control, command.rolloutId);
  if (command.kind === 'cleanup')
    return ctx.surface.whisper(request.channel, request.user, cleanupReportMessage(rollout));
  const progress = progressMessage(buildProgressSnapshot(rollout, now), { now, samples: rollout.health.samples });
  await ctx.surface.whisper(request.channel, request.user, {
    ...progress,
    blocks: [...progress.blocks, auditTrailBlock(rollout)],
  });
}
