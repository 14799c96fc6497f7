import { noteMessage } from '../messages/chat/commands/note-message.js';
import { codeSpan } from '../messages/chat/code-span.js';
import { formatUtc } from '../messages/chat/format-utc.js';
import { mentionUser } from '../messages/chat/mention-user.js';
import { escapeMrkdwn } from '../messages/escape-mrkdwn.js';
import type { ChatContext } from './chat-context.js';
import type { CommandRequest } from './command-request.js';
import { environmentLockedError } from './environment-locked-error.js';
import type { ParsedCommand } from './parse/parsed-command.js';

/** `/dten lock <env> [reason]` and `/dten unlock <env>`: a freeze everyone in the channel sees set and lifted. */
export async function handleLock(
  ctx: ChatContext,
  request: CommandRequest,
  command: Extract<ParsedCommand, { kind: 'lock' | 'unlock' }>,
): Promise<void> {
  const now = ctx.now();
  const who = mentionUser(request.user);
  let line: string;
  // A lock set or lifted where nobody can see it is put back as it was.
  let undo: () => Promise<unknown>;
  if (command.kind === 'lock') {
    const held = await ctx.locks.lock({
      env: command.env,
      by: request.user,
      reason: command.reason,
      at: now.toISOString(),
    });
    if (held) throw environmentLockedError(held);
    undo = () => ctx.locks.unlock(command.env);
    line = `🔒 ${who} locked ${codeSpan(command.env)}: ${escapeMrkdwn(command.reason)}. No plan for its hosts until \`/dten unlock ${command.env}\`.`;
  } else {
    const removed = await ctx.locks.unlock(command.env);
    if (!removed) {
      const nothing = `${codeSpan(command.env)} was not locked; nothing changed.`;
      return ctx.surface.whisper(request.channel, request.user, noteMessage(nothing, now));
    }
    line = `🔓 ${who} unlocked ${codeSpan(command.env)} (locked by ${mentionUser(removed.by)} since ${formatUtc(removed.at)}).`;
    undo = () => ctx.locks.lock(removed);
  }
  await ctx.surface.post(request.channel, noteMessage(line, now)).catch(async (error: unknown) => {
    await undo().catch((undoError: unknown) =>
      ctx.log.warn({ env: command.env, err: undoError }, 'could not put an environment lock back as it was'),
    );
    throw error;
  });
  ctx.log.info({ env: command.env, command: command.kind }, 'environment lock changed');
}
