import { helpMessage } from '../messages/chat/commands/help-message.js';
import { answerProblem } from './answer-problem.js';
import type { ChatContext } from './chat-context.js';
import type { CommandRequest } from './command-request.js';
import { handleHosts } from './handle-hosts.js';
import { handleLock } from './handle-lock.js';
import { handlePlan } from './handle-plan.js';
import { handlePreflight } from './handle-preflight.js';
import { handleRolloutCommand } from './handle-rollout-command.js';
import { handleStatus } from './handle-status.js';
import { parseCommand } from './parse/parse-command.js';

/**
 * One `/dten …` from any transport: parsed, run, answered through `ctx.surface`. Never throws: a mistake is
 * answered privately with what was wrong and the closest valid command; anything unexpected with a reference id.
 */
export async function runCommand(ctx: ChatContext, request: CommandRequest): Promise<void> {
  const log = ctx.log.child({ user: request.user, channel: request.channel });
  try {
    const command = parseCommand(request.text, ctx.now());
    log.info({ command: command.kind }, 'command received');
    const scoped = { ...ctx, log };
    switch (command.kind) {
      case 'help':
        return await ctx.surface.whisper(request.channel, request.user, helpMessage());
      case 'preflight':
        return await handlePreflight(scoped, request, command);
      case 'plan':
        return await handlePlan(scoped, request, command);
      case 'cleanup':
        if (command.retry) return await handleRolloutCommand(scoped, request, command);
        return await handleStatus(scoped, request, command);
      case 'status':
        return await handleStatus(scoped, request, command);
      case 'pause':
      case 'resume':
      case 'abort':
      case 'rollback':
      case 'extend':
        return await handleRolloutCommand(scoped, request, command);
      case 'hosts':
        return await handleHosts(scoped, request, command);
      case 'lock':
      case 'unlock':
        return await handleLock(scoped, request, command);
    }
  } catch (error) {
    await answerProblem(ctx.surface, request, error, log);
  }
}
