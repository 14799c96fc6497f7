import type { Logger } from '../logger.js';
import { isRedisUnreachable } from '../redis/is-redis-unreachable.js';

/**
 * A Worker's `error` listener: its own failures at error level; a lost connection (every retry while Redis is away)
 * only at debug, since the connection logs the outage once (createRedisConnection).
 */
export function logWorkerErrors(log: Logger, what: string): (error: Error) => void {
  return (error) => {
    if (isRedisUnreachable(error)) log.debug({ reason: error.message }, `${what}: Redis unreachable`);
    else log.error({ err: error }, what);
  };
}
