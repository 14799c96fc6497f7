import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logAgentWorkerError } from '../../src/agent/log-agent-worker-error.js';
import { createRedisConnection } from '../../src/bullmq/create-redis-connection.js';
import { deleteKeysUnder, freshPrefix, REDIS_URL } from '../bullmq/redis-test.js';
import { captureLog } from '../postgres/capture-log.js';

const prefix = freshPrefix();
let redis: Redis;
let workerConnection: Redis;

beforeAll(async () => {
  redis = await createRedisConnection(REDIS_URL, 'producer');
  workerConnection = await createRedisConnection(REDIS_URL, 'worker');
});

afterAll(async () => {
  await deleteKeysUnder(redis, prefix);
  await Promise.all([redis?.quit(), workerConnection?.quit()]);
});

describe("the agent's worker errors", () => {
  it('say once, at warn and in words, that the control plane took back a job this agent still ran', async () => {
    const queue = new Queue('host-web-1', { connection: redis, prefix });
    const { log, lines } = captureLog();
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started = (): void => undefined;
    const running = new Promise<void>((resolve) => (started = resolve));
    const worker = new Worker(
      'host-web-1',
      () => {
        started();
        return held;
      },
      { connection: workerConnection, prefix, lockDuration: 1_000 },
    );
    worker.on('error', logAgentWorkerError(log));
    try {
      const job = await queue.add('host-install', {}, { jobId: 'r1-web-1-install-1' });
      await running;
      // Out of Redis' reach past its lock, as the control plane sees it: the lock lapses and the job is taken back.
      await redis.del(`${prefix}:host-web-1:${job.id}:lock`);
      expect(await queue.remove(job.id!)).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      release();
      const deadline = Date.now() + 5_000;
      while (!lines.some((line) => line.includes('took this job back')) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const said = lines.map((line) => JSON.parse(line) as { level: number; msg: string; jobId?: string });
      expect(said.filter((line) => line.msg.includes('took this job back'))).toEqual([
        expect.objectContaining({ level: 40, jobId: 'r1-web-1-install-1' }),
      ]);
      expect(said.filter((line) => line.level >= 50)).toEqual([]);
    } finally {
      await worker.close(true);
      await queue.close();
    }
  });
});
