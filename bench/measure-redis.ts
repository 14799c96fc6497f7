import type { Redis } from 'ioredis';
import { keysUnder } from '../test/bullmq/redis-test.js';

export interface RedisFootprint {
  /** INFO memory `used_memory`: the whole server, so other clients of this Redis show up in it too. */
  usedMemory: number;
  /** INFO clients `connected_clients`, also for the whole server. */
  connectedClients: number;
  keys: number;
  /** MEMORY USAGE summed over the keys under the prefix, by what they hold. */
  bytes: { rollout: number; jobs: number; events: number; other: number };
}

/** What Redis holds for one installation (its prefix) and the server's memory as a whole. */
export async function measureRedis(redis: Redis, prefix: string): Promise<RedisFootprint> {
  const info = String(await redis.info('memory')) + String(await redis.info('clients'));
  const field = (name: string): number => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? NaN);
  const keys = await keysUnder(redis, prefix);
  const pipeline = redis.pipeline();
  for (const key of keys) pipeline.memory('USAGE', key, 'SAMPLES', 0);
  const sizes = ((await pipeline.exec()) ?? []).map(([, size]) => Number(size ?? 0));
  const bytes = { rollout: 0, jobs: 0, events: 0, other: 0 };
  keys.forEach((key, i) => (bytes[kindOf(key.slice(prefix.length + 1))] += sizes[i] ?? 0));
  return { usedMemory: field('used_memory'), connectedClients: field('connected_clients'), keys: keys.length, bytes };
}

/** BullMQ's per-queue keys end in one of these words; a job's hash is `<queue>:<job id>`. */
const QUEUE_KEYS = new Set(
  'meta id wait paused active completed failed delayed prioritized marker pc stalled stalled-check limiter de repeat'.split(
    ' ',
  ),
);

function kindOf(key: string): keyof RedisFootprint['bytes'] {
  const parts = key.split(':');
  if (parts[0] === 'rollout' || parts[0] === 'rollouts') return 'rollout';
  if (parts[1] === 'events') return 'events';
  if (parts.length === 2 && !QUEUE_KEYS.has(parts[1]!) && !parts[0]!.startsWith('host-registry')) return 'jobs';
  return 'other';
}
