import { isUserError } from '../core/errors/user-error.js';
import type { Logger } from '../logger.js';
import { problemMessage } from '../messages/chat/commands/problem-message.js';
import { redisUnreachableText } from '../messages/chat/commands/redis-unreachable-text.js';
import { unexpectedProblemText } from '../messages/chat/commands/unexpected-problem-text.js';
import { describeUserError } from '../messages/user-error-text.js';
import { isRedisUnreachable } from '../redis/is-redis-unreachable.js';
import type { ChatSurface } from './chat-surface.js';
import { newErrorRef } from '../core/errors/new-error-ref.js';

/**
 * Tells the person privately what went wrong: a UserError in its own words, Redis out of reach as such, anything
 * else as a reference id whose details (never a secret: the logger redacts) are in the log. Never throws.
 */
export async function answerProblem(
  surface: ChatSurface,
  to: { channel: string; user: string },
  error: unknown,
  log: Logger,
): Promise<void> {
  let sentence: string;
  if (isUserError(error)) {
    sentence = describeUserError(error);
    log.info({ code: error.code }, 'command refused');
  } else if (isRedisUnreachable(error)) {
    // The connection logs the outage itself; this says which command it cost.
    log.warn({ reason: (error as Error).message }, 'command failed: Redis unreachable');
    sentence = redisUnreachableText();
  } else {
    const ref = newErrorRef();
    log.error({ err: error, ref }, 'command failed');
    sentence = unexpectedProblemText(ref);
  }
  await surface.whisper(to.channel, to.user, problemMessage(sentence)).catch((error: unknown) => {
    log.warn({ err: error }, 'could not answer the person');
  });
}
