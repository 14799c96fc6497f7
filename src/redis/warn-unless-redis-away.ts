import type { Logger } from '../logger.js';
import { isRedisUnreachable } from './is-redis-unreachable.js';

/**
 * Logs a failed periodic task at warn with its error, or at debug when Redis could not be reached: the connection
 * already said so once (createRedisConnection), and a heartbeat or sweep repeating it every few seconds adds nothing.
 */
export function warnUnlessRedisAway(log: Logger, what: string, fields: Record<string, unknown> = {}) {
  return (error: unknown): void => {
    if (isRedisUnreachable(error))
      log.debug({ ...fields, reason: (error as Error).message }, `${what}: Redis unreachable`);
    else log.warn({ ...fields, err: error }, what);
  };
}
