import { Redis, type RedisOptions } from 'ioredis';
import { UserError } from '../core/errors/user-error.js';
import type { Logger } from '../logger.js';

/**
 * `worker`: for BullMQ Workers, which block and must wait out a Redis restart (`maxRetriesPerRequest: null`).
 * `producer`: for Queues and the host registry, which should fail fast while Redis is away (`enableOfflineQueue: false`).
 */
export type RedisRole = 'worker' | 'producer';

/**
 * Connects and waits until Redis answers, so a wrong URL fails at start-up rather than at the first job. Afterwards
 * ioredis reconnects by itself; with `log`, an outage is logged once when it starts and once when Redis is back
 * (without it, nothing is said: ioredis would print every failed attempt to stderr with its stack).
 */
export async function createRedisConnection(
  url: string,
  role: RedisRole,
  options: RedisOptions = {},
  log?: Logger,
): Promise<Redis> {
  // BullMQ refuses ioredis keyPrefix; our keys go under BullMQ's `prefix` instead.
  if (options.keyPrefix !== undefined) throw new TypeError('use the BullMQ prefix, not the ioredis keyPrefix');
  const roleOptions: RedisOptions = role === 'worker' ? { maxRetriesPerRequest: null } : { enableOfflineQueue: false };
  const redis = new Redis(url, { ...options, ...roleOptions, lazyConnect: true });
  let cause: Error | undefined;
  const remember = (error: Error): void => void (cause ??= error);
  redis.on('error', remember);
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    // A person's to fix (start Redis, or set REDIS_URL), so said in one line; never the URL's password.
    throw new UserError('redis-unreachable', {
      where: describeRedisUrl(url),
      reason: (cause ?? (error as Error)).message,
    });
  } finally {
    redis.off('error', remember);
  }
  reportOutages(redis, describeRedisUrl(url), role, log);
  return redis;
}

function reportOutages(redis: Redis, where: string, role: RedisRole, log: Logger | undefined): void {
  let lostAt: number | undefined;
  redis.on('error', (error: Error) => {
    if (lostAt !== undefined) return;
    lostAt = Date.now();
    log?.warn({ redis: where, connection: role, reason: error.message }, 'Redis connection lost; reconnecting');
  });
  redis.on('ready', () => {
    if (lostAt === undefined) return;
    log?.info({ redis: where, connection: role, downMs: Date.now() - lostAt }, 'Redis connection back');
    lostAt = undefined;
  });
}

/** Scheme, host and port only: the URL may carry a password. */
function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.hostname}:${parsed.port || '6379'}`;
  } catch {
    return 'the configured URL';
  }
}
