import { DelayedError, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTROL_QUEUE } from '../../src/bullmq/control-queue-name.js';
import { createRedisConnection } from '../../src/bullmq/create-redis-connection.js';
import { wakeDriver } from '../../src/bullmq/wake-driver.js';
import { deleteKeysUnder, freshPrefix, REDIS_URL } from './redis-test.js';

const ROLLOUT = 'r-20240501';
const STEP_ID = `${ROLLOUT}-step-3`;
let prefix: string;
let producer: Redis;
let workerConnection: Redis;
let queue: Queue;
let worker: Worker;
const store = { currentDriver: () => Promise.resolve(3) };

beforeEach(async () => {
  prefix = freshPrefix();
  producer = await createRedisConnection(REDIS_URL, 'producer');
  workerConnection = await createRedisConnection(REDIS_URL, 'worker');
  queue = new Queue(CONTROL_QUEUE, { connection: producer, prefix });
  // No processor: the test takes jobs itself, to hold them active.
  worker = new Worker(CONTROL_QUEUE, null, { connection: workerConnection, prefix });
});

afterEach(async () => {
  await worker.close();
  await queue.close();
  await deleteKeysUnder(producer, prefix);
  await Promise.all([producer.quit(), workerConnection.quit()]);
});

describe('a wake job', () => {
  it("moves the rollout's current step job out of its delay", async () => {
    await queue.add('rollout-step', {}, { jobId: STEP_ID, delay: 60_000 });
    const wake = await queue.add('rollout-wake', {});
    expect(await wakeDriver(queue, store, { job: wake, token: undefined, rolloutId: ROLLOUT })).toEqual({
      woke: true,
      stepState: 'delayed',
    });
    expect(await queue.getJobState(STEP_ID)).toBe('waiting');
  });

  it('waits while the step job runs, since that run may go back to sleep on what it read before', async () => {
    await queue.add('rollout-step', {}, { jobId: STEP_ID });
    expect((await worker.getNextJob('step-token'))?.id).toBe(STEP_ID);
    await queue.add('rollout-wake', {}, { jobId: 'wake' });
    const wake = await worker.getNextJob('wake-token');
    await expect(wakeDriver(queue, store, { job: wake, token: 'wake-token', rolloutId: ROLLOUT })).rejects.toThrow(
      DelayedError,
    );
    expect(await queue.getJobState('wake')).toBe('delayed');
  });

  it('leaves a step job that is waiting, and a rollout without one, alone', async () => {
    const wake = await queue.add('rollout-wake', {});
    expect(await wakeDriver(queue, store, { job: wake, token: undefined, rolloutId: ROLLOUT })).toEqual({
      woke: false,
      stepState: 'missing',
    });
    await queue.add('rollout-step', {}, { jobId: STEP_ID });
    expect(await wakeDriver(queue, store, { job: wake, token: undefined, rolloutId: ROLLOUT })).toEqual({
      woke: false,
      stepState: 'waiting',
    });
  });
});
