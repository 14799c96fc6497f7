import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Worker } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { createRedisConnection } from '../../src/bullmq/create-redis-connection.js';
import { UserError } from '../../src/core/errors/user-error.js';
import { describeUserError } from '../../src/messages/user-error-text.js';
import { REDIS_URL } from './redis-test.js';

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('Redis connections for producers and workers', () => {
  it('when Redis is not where the URL says, the connection fails at start-up instead of queueing commands', async () => {
    const port = await closedPort();
    const failure = await createRedisConnection(`redis://127.0.0.1:${port}`, 'producer').catch(
      (caught: unknown) => caught,
    );
    expect(failure).toBeInstanceOf(UserError);
    expect(describeUserError(failure as UserError)).toBe(
      `Cannot reach Redis at redis://127.0.0.1:${port} (connect ECONNREFUSED 127.0.0.1:${port}). Start Redis, or point REDIS_URL at it (see .env.example).`,
    );
  });

  it('a password in the Redis URL never appears in the start-up error', async () => {
    const port = await closedPort();
    const failure = createRedisConnection(`redis://:hunter2-redis-password@127.0.0.1:${port}`, 'worker');
    const message = await failure.then(
      () => 'connected',
      (caught: unknown) => describeUserError(caught as UserError),
    );
    expect(message).toMatch(/^Cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+ /);
    expect(message).not.toContain('hunter2');
  });

  it('a worker connection carries a BullMQ Worker; a producer connection is refused by BullMQ for that', async () => {
    const worker = await createRedisConnection(REDIS_URL, 'worker');
    const producer = await createRedisConnection(REDIS_URL, 'producer');
    try {
      const running = new Worker('dten-test-never-used', () => Promise.resolve(), {
        connection: worker,
        autorun: false,
      });
      await running.close();
      expect(
        () => new Worker('dten-test-never-used', () => Promise.resolve(), { connection: producer, autorun: false }),
      ).toThrow(/maxRetriesPerRequest must be null/);
    } finally {
      await Promise.all([worker.quit(), producer.quit()]);
    }
  });

  it('a producer connection refuses commands at once while Redis is away, rather than holding them', async () => {
    const producer = await createRedisConnection(REDIS_URL, 'producer', { retryStrategy: () => null });
    producer.disconnect();
    await expect(producer.ping()).rejects.toThrow();
  });

  it('an ioredis keyPrefix is refused: BullMQ keys go under its own prefix option', async () => {
    await expect(createRedisConnection(REDIS_URL, 'producer', { keyPrefix: 'dten:' })).rejects.toThrow(/BullMQ prefix/);
  });
});
