import { describe, expect, it } from 'vitest';
import { createRedisConnection } from '../../src/bullmq/create-redis-connection.js';
import { isRedisUnreachable } from '../../src/redis/is-redis-unreachable.js';
import { logUnlessRedisAway } from '../../src/redis/log-unless-redis-away.js';
import { REDIS_URL } from '../bullmq/redis-test.js';
import { captureLog } from '../postgres/capture-log.js';

/** The error a producer connection gives while Redis is away, as ioredis words it. */
async function redisAwayError(): Promise<unknown> {
  const producer = await createRedisConnection(REDIS_URL, 'producer', { retryStrategy: () => null });
  producer.disconnect();
  return producer.ping().then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('periodic tasks that fail while Redis is away', () => {
  it('say so at debug, since the connection logged the outage; any other failure is a warning with its error', async () => {
    const away = await redisAwayError();
    expect(isRedisUnreachable(away)).toBe(true);
    // The socket's own words while Redis goes or comes back, which BullMQ does not count as a lost connection.
    for (const code of ['EPIPE', 'ECONNRESET', 'ETIMEDOUT'])
      expect(isRedisUnreachable(Object.assign(new Error(`write ${code}`), { code }))).toBe(true);
    const broken = new Error('WRONGTYPE Operation against a key holding the wrong kind of value');
    expect(isRedisUnreachable(broken)).toBe(false);
    expect(isRedisUnreachable('not an error')).toBe(false);

    const { log, lines } = captureLog();
    const report = logUnlessRedisAway(log, 'could not refresh host facts', { hostId: 'web-1' });
    report(away);
    report(broken);
    const said = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(said).toMatchObject([
      { level: 20, hostId: 'web-1', msg: 'could not refresh host facts: Redis unreachable' },
      { level: 40, hostId: 'web-1', msg: 'could not refresh host facts', err: { message: broken.message } },
    ]);
    expect(said[0]).not.toHaveProperty('err');
  });
});
