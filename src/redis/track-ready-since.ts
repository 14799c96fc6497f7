import type { Redis } from 'ioredis';

/**
 * When `redis` last became ready: since then this process has seen Redis without a break. Call it on a connection
 * that is ready now (createRedisConnection's are).
 */
export function trackReadySince(redis: Redis, now: () => Date = () => new Date()): () => Date {
  let since = now();
  redis.on('ready', () => {
    since = now();
  });
  return () => since;
}
