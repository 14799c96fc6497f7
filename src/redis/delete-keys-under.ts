import type { Redis } from 'ioredis';
import { listKeysUnder } from './list-keys-under.js';

/** Removes every key of one installation (`<prefix>:…`): a console session or a test leaves nothing behind. */
export async function deleteKeysUnder(redis: Redis, prefix: string): Promise<void> {
  const keys = await listKeysUnder(redis, prefix);
  for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000));
}
