import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTROL_QUEUE } from '../../src/bullmq/control-queue-name.js';
import { createRedisConnection } from '../../src/bullmq/create-redis-connection.js';
import { takeWakeAsked, wakeDriver, type WakeTarget } from '../../src/bullmq/wake-driver.js';
import { deleteKeysUnder, freshPrefix, REDIS_URL } from './redis-test.js';

const ROLLOUT = 'r-20240501';
const STEP_ID = `${ROLLOUT}-step-3`;
let prefix: string;
let producer: Redis;
let workerConnection: Redis;
let queue: Queue;
let worker: Worker;
let target: WakeTarget;

beforeEach(async () => {
  prefix = freshPrefix();
  producer = await createRedisConnection(REDIS_URL, 'producer');
  workerConnection = await createRedisConnection(REDIS_URL, 'worker');
  queue = new Queue(CONTROL_QUEUE, { connection: producer, prefix });
  // No processor: the test takes jobs itself, to hold them active.
  worker = new Worker(CONTROL_QUEUE, null, { connection: workerConnection, prefix });
  target = { queue, store: { currentDriver: () => Promise.resolve(3) }, redis: producer, prefix };
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
    expect(await wakeDriver(target, ROLLOUT)).toEqual({ woke: true, stepState: 'delayed' });
    expect(await queue.getJobState(STEP_ID)).toBe('waiting');
    expect(await takeWakeAsked(producer, prefix, ROLLOUT)).toBe(false);
  });

  it('leaves word for a step job that is running, which it takes once, as it goes back to sleep', async () => {
    await queue.add('rollout-step', {}, { jobId: STEP_ID });
    expect((await worker.getNextJob('step-token'))?.id).toBe(STEP_ID);
    expect(await wakeDriver(target, ROLLOUT)).toEqual({ woke: false, stepState: 'active' });
    expect(await takeWakeAsked(producer, prefix, ROLLOUT)).toBe(true);
    expect(await takeWakeAsked(producer, prefix, ROLLOUT)).toBe(false);
  });

  it('leaves a step job that is waiting, and a rollout without one, alone', async () => {
    expect(await wakeDriver(target, ROLLOUT)).toEqual({ woke: false, stepState: 'missing' });
    await queue.add('rollout-step', {}, { jobId: STEP_ID });
    expect(await wakeDriver(target, ROLLOUT)).toEqual({ woke: false, stepState: 'waiting' });
    expect(await takeWakeAsked(producer, prefix, ROLLOUT)).toBe(false);
  });
});
