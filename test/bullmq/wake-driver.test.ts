import { FlowProducer, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTROL_QUEUE } from '../../src/bullmq/control-queue-name.js';
import { createRedisConnection } from '../../src/bullmq/create-redis-connection.js';
import { batchListKey } from '../../src/bullmq/read-host-batches.js';
import { takeWakeAsked, wakeDriver, type WakeTarget } from '../../src/bullmq/wake-driver.js';
import { rolloutWakeJobId } from '../../src/jobs/job-id.js';
import { deleteKeysUnder, freshPrefix, REDIS_URL } from './redis-test.js';

const ROLLOUT = 'r-20240501';
const STEP_ID = `${ROLLOUT}-step-3`;
const WAKE = { rolloutId: ROLLOUT, batch: 'install-0123456789ab' };
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
    expect(await wakeDriver(target, WAKE)).toEqual({ woke: true, stepState: 'delayed' });
    expect(await queue.getJobState(STEP_ID)).toBe('waiting');
    expect(await takeWakeAsked(producer, prefix, ROLLOUT)).toBe(false);
  });

  it('leaves word for a step job that is running, which it takes once, as it goes back to sleep', async () => {
    await queue.add('rollout-step', {}, { jobId: STEP_ID });
    expect((await worker.getNextJob('step-token'))?.id).toBe(STEP_ID);
    expect(await wakeDriver(target, WAKE)).toEqual({ woke: false, stepState: 'active' });
    expect(await takeWakeAsked(producer, prefix, ROLLOUT)).toBe(true);
    expect(await takeWakeAsked(producer, prefix, ROLLOUT)).toBe(false);
  });

  it('leaves a step job that is waiting, and a rollout without one, alone', async () => {
    expect(await wakeDriver(target, WAKE)).toEqual({ woke: false, stepState: 'missing' });
    await queue.add('rollout-step', {}, { jobId: STEP_ID });
    expect(await wakeDriver(target, WAKE)).toEqual({ woke: false, stepState: 'waiting' });
    expect(await takeWakeAsked(producer, prefix, ROLLOUT)).toBe(false);
  });

  it('waits for the other batches of its round: only the last to finish wakes the step job, whatever an earlier round or another step still runs', async () => {
    await queue.add('rollout-step', {}, { jobId: STEP_ID, delay: 60_000 });
    const earlier = { rolloutId: ROLLOUT, batch: 'preflight-000000000000' };
    const first = { rolloutId: ROLLOUT, batch: 'preflight-000000000001' };
    const second = { rolloutId: ROLLOUT, batch: 'preflight-000000000002' };
    const flows = new FlowProducer({ connection: producer, prefix });
    // A batch as enqueueHostBatch adds it: listed under its round, then a wake job with one child on a host queue.
    const addBatch = async (
      batch: { rolloutId: string; batch: string },
      round: number,
      child: { queueName: string; jobId: string },
    ): Promise<void> => {
      const step = batch.batch.split('-')[0]!;
      await producer.zadd(batchListKey(prefix, ROLLOUT, step), round, rolloutWakeJobId(batch));
      await flows.add({
        name: 'rollout-wake',
        queueName: CONTROL_QUEUE,
        data: batch,
        opts: { jobId: rolloutWakeJobId(batch) },
        children: [{ name: `host-${step}`, queueName: child.queueName, data: {}, opts: { jobId: child.jobId } }],
      });
    };
    try {
      // Nothing ever runs on host-silent: an earlier round's batch and another step's stay unfinished.
      await addBatch(earlier, 1, { queueName: 'host-silent', jobId: 'child-earlier' });
      await addBatch(WAKE, 2, { queueName: 'host-silent', jobId: 'child-install' });
      await addBatch(first, 2, { queueName: 'host-test', jobId: 'child-0' });
      await addBatch(second, 2, { queueName: 'host-test', jobId: 'child-1' });
      const host = new Worker('host-test', null, { connection: workerConnection, prefix });
      try {
        const finish = async (id: string): Promise<void> => {
          const job = await host.getNextJob(`token-${id}`);
          expect(job?.id).toBe(id);
          await job.moveToCompleted('done', `token-${id}`, false);
        };
        await finish('child-0');
        expect(await wakeDriver(target, first)).toEqual({ woke: false, stepState: 'another batch running' });
        expect(await queue.getJobState(STEP_ID)).toBe('delayed');
        await finish('child-1');
        expect(await wakeDriver(target, second)).toEqual({ woke: true, stepState: 'delayed' });
        expect(await queue.getJobState(STEP_ID)).toBe('waiting');
      } finally {
        await host.close();
      }
    } finally {
      await flows.close();
    }
  });
});
