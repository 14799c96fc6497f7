import type { Logger } from '../logger.js';
import { isRedisUnreachable } from './is-redis-unreachable.js';

/**
 * A listener for failures of a Worker or a periodic task: logged with the error at `level`, or at debug when Redis
 * could not be reached, since the connection already said so once (createRedisConnection) and a Worker retrying or a
 * heartbeat repeating it every few seconds adds nothing.
 */
export function logUnlessRedisAway(
  log: Logger,
  what: string,
  fields: Record<string, unknown> = {},
  level: 'warn' | 'error' = 'warn',
) {
  return (error: unknown): void => {
    if (isRedisUnreachable(error))
      log.debug({ ...fields, reason: (error as Error).message }, `${what}: Redis unreachable`);
    else log[level]({ ...fields, err: error }, what);
  };
}
