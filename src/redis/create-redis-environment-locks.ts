import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { EnvironmentLock, EnvironmentLocks } from '../commands/environment-locks.js';

const lockSchema = z.object({ env: z.string(), by: z.string(), reason: z.string(), at: z.string() });

/** Locks as fields of one hash (`<prefix>:locks`): HSETNX makes "lock unless locked" one atomic step. */
export function createRedisEnvironmentLocks(options: { redis: Redis; prefix: string }): EnvironmentLocks {
  const { redis } = options;
  const key = `${options.prefix}:locks`;
  const parse = (json: string | null): EnvironmentLock | undefined =>
    json === null ? undefined : lockSchema.safeParse(JSON.parse(json)).data;
  return {
    async lock(lock) {
      if ((await redis.hsetnx(key, lock.env, JSON.stringify(lock))) === 1) return undefined;
      return parse(await redis.hget(key, lock.env));
    },
    async unlock(env) {
      // Read and delete in one transaction, so two people unlocking at once see one removal.
      const result = await redis.multi().hget(key, env).hdel(key, env).exec();
      const held = result?.[0]?.[1];
      return typeof held === 'string' ? parse(held) : undefined;
    },
    async list() {
      const all = await redis.hvals(key);
      return all.map((json) => parse(json)).filter((lock) => lock !== undefined);
    },
  };
}
