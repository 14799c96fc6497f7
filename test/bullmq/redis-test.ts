import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach } from 'vitest';
import { createRedisConnection } from '../../src/bullmq/create-redis-connection.js';
import { deleteKeysUnder } from '../../src/redis/delete-keys-under.js';

export const REDIS_URL = 'redis://127.0.0.1:6379';

/** A prefix no other test (or person) uses, so tests can share the machine's Redis. */
export function freshPrefix(): string {
  return `dten-test-${randomUUID().slice(0, 12)}`;
}

export { listKeysUnder as keysUnder } from '../../src/redis/list-keys-under.js';
export { deleteKeysUnder };

/**
 * A producer connection and a fresh prefix for each test of the calling file, its keys deleted afterwards. Read
 * `prefix` and `redis` inside tests (they change before each one); hooks the file adds after it run before its cleanup.
 */
export function useFreshRedis(options: { nameConnection?: boolean } = {}): {
  readonly prefix: string;
  readonly redis: Redis;
} {
  const fresh = {} as { prefix: string; redis: Redis };
  beforeEach(async () => {
    fresh.prefix = freshPrefix();
    // Named after the prefix, a test can find its own connection in CLIENT LIST.
    const named = options.nameConnection ? { connectionName: fresh.prefix } : {};
    fresh.redis = await createRedisConnection(REDIS_URL, 'producer', named);
  });
  afterEach(async () => {
    await deleteKeysUnder(fresh.redis, fresh.prefix);
    await fresh.redis.quit();
  });
  return fresh;
}
