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

type Commanded = Extract<ParsedCommand, { kind: RolloutVerb | 'extend' | 'cleanup' }>;

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
  command: Commanded,
): Promise<void> {
  const rollout = await commandRollout(ctx.control, command.rolloutId, asked(command), {
    kind: 'user',
    id: request.user,
  });
  const line = `${mentionUser(request.user)} ${said(command, rollout)} (now ${rollout.state.replaceAll('-', ' ')}).`;
  const record = await ctx.records.get(rollout.id);
  await ctx.surface.post(record?.channel ?? request.channel, noteMessage(line, ctx.now()), {
    ...(record ? { threadTs: record.threadTs } : {}),
  });
  ctx.log.info({ rolloutId: rollout.id, command: command.kind }, 'rollout commanded');
  await syncRolloutMessages(ctx, rollout.id);
}

function asked(command: Commanded): RolloutCommand {
  switch (command.kind) {
    case 'extend':
      return { kind: 'extend', minutes: command.minutes };
    case 'cleanup':
      return { kind: 'retry-cleanup' };
    default:
      return { kind: command.kind };
  }
}

/** What was done, for the note in the rollout's thread. */
function said(command: Commanded, rollout: Rollout): string {
  const id = codeSpan(rollout.id);
  switch (command.kind) {
    case 'extend':
      return `⏱️ extended the window of rollout ${id} by ${formatDuration(command.minutes * 60_000)}`;
    case 'cleanup': {
      const again = Object.values(rollout.cleanup ?? {}).filter((cleanup) => cleanup.state === 'running').length;
      return `🧹 started the failed cleanup of rollout ${id} again on ${again} host(s)`;
    }
    case 'abort':
      // A failed rollout, or a done one that kept hosts, has nothing left to stop: abort lets go of the hosts it kept.
      if (rollout.changedHosts === 'let-go')
        return `🛑 let go of the hosts rollout ${id} left changed, as they are: other plans may take them`;
      return `${DONE.abort} rollout ${id}`;
    default:
      return `${DONE[command.kind]} rollout ${id}`;
  }
}
