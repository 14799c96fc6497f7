import type { Redis } from 'ioredis';

/** Every key of one installation (`<prefix>:…`), sorted; SCAN, so a large Redis is not blocked. */
export async function listKeysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys.sort();
}
