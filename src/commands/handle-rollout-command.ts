import { commandRollout, type RolloutCommand } from '../control/command-rollout.js';
import type { Rollout } from '../core/rollout/rollout.js';
import { formatDuration } from '../core/time/format-duration.js';
import { noteMessage } from '../messages/chat/commands/note-message.js';
import { codeSpan } from '../messages/chat/code-span.js';
import { mentionUser } from '../messages/chat/mention-user.js';
import type { ChatContext } from './chat-context.js';
import type { CommandRequest } from './command-request.js';
import type { ParsedCommand, RolloutVerb } from './parse/parsed-command.js';
import { syncRolloutMessages } from './sync-rollout-messages.js';

const DONE: Record<RolloutVerb, string> = {
  pause: '⏸️ paused',
  resume: '▶️ resumed',
  abort: '🛑 aborted',
  rollback: '↩️ started rolling back',
};

/**
 * pause, resume, abort, rollback, `window … extend` and `cleanup … retry`: done, audited with the person, and said
 * in the channel.
 */
export async function handleRolloutCommand(
  ctx: ChatContext,
  request: CommandRequest,
  command: Extract<ParsedCommand, { kind: RolloutVerb | 'extend' | 'cleanup' }>,
): Promise<void> {
  const asked: RolloutCommand =
    command.kind === 'extend'
      ? { kind: 'extend', minutes: command.minutes }
      : command.kind === 'cleanup'
        ? { kind: 'retry-cleanup' }
        : { kind: command.kind };
  const rollout = await commandRollout(ctx.control, command.rolloutId, asked, { kind: 'user', id: request.user });
  const what =
    command.kind === 'extend'
      ? `⏱️ extended the window of rollout ${codeSpan(rollout.id)} by ${formatDuration(command.minutes * 60_000)}`
      : command.kind === 'cleanup'
        ? `🧹 started the failed cleanup of rollout ${codeSpan(rollout.id)} again on ${retriedHosts(rollout)} host(s)`
        : `${DONE[command.kind]} rollout ${codeSpan(rollout.id)}`;
  const line = `${mentionUser(request.user)} ${what} (now ${rollout.state.replaceAll('-', ' ')}).`;
  const record = await ctx.records.get(rollout.id);
  await ctx.surface.post(record?.channel ?? request.channel, noteMessage(line, ctx.now()), {
    ...(record ? { threadTs: record.threadTs } : {}),
  });
  ctx.log.info({ rolloutId: rollout.id, command: command.kind }, 'rollout commanded');
  await syncRolloutMessages(ctx, rollout.id);
}

function retriedHosts(rollout: Rollout): number {
  return Object.values(rollout.cleanup ?? {}).filter((cleanup) => cleanup.state === 'running').length;
}
