import type { QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHostQueueRegistry, type HostQueueRegistry } from '../../src/bullmq/create-host-queue-registry.js';
import { createRedisConnection } from '../../src/bullmq/create-redis-connection.js';
import { enqueueHostJob } from '../../src/bullmq/enqueue-host-job.js';
import { verifyJob } from '../../src/jobs/verify-job.js';
import { buildInstallJob, makeJobKey } from '../jobs/build-host-job.js';
import { deleteKeysUnder, freshPrefix, keysUnder, REDIS_URL } from './redis-test.js';
import { startTestAgent } from './start-test-agent.js';

const key = makeJobKey();
const DAY = 86_400;
let prefix: string;
let producer: Redis;
let registry: HostQueueRegistry;
const closers: Array<() => Promise<unknown>> = [];

beforeEach(async () => {
  prefix = freshPrefix();
  producer = await createRedisConnection(REDIS_URL, 'producer', { connectionName: prefix });
  registry = createHostQueueRegistry({ connection: producer, prefix, keepJobsSeconds: DAY });
});

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  for (const queue of registry.queues()) await queue.obliterate({ force: true });
  await registry.close();
  await deleteKeysUnder(producer, prefix);
  await producer.quit();
});

async function startAgent(hostId: string): Promise<{ events: QueueEvents }> {
  return { events: await startTestAgent({ hostId, prefix, key, closers }) };
}

describe('enqueueing signed jobs on host queues', () => {
  it("when the control plane enqueues an install for web-1, web-1's own queue holds it under its deterministic id, signed", async () => {
    const enqueued = await enqueueHostJob(registry, buildInstallJob(), key);
    expect(enqueued).toEqual({ id: 'r-20240501-web-1-install-1', queue: 'dten-host-web-1', added: true });
    const job = await registry.queueFor('web-1').getJob(enqueued.id);
    expect(await job?.getState()).toBe('waiting');
    expect(verifyJob(job!, { key, hostId: 'web-1' })).toEqual({ ok: true, job: buildInstallJob() });
    expect(job?.opts.removeOnComplete).toEqual({ age: DAY });
  });

  it('enqueueing the same job again after the agent finished it adds nothing: the finished job is still there', async () => {
    const { events } = await startAgent('web-1');
    const first = await enqueueHostJob(registry, buildInstallJob(), key);
    const job = await registry.queueFor('web-1').getJob(first.id);
    await expect(job!.waitUntilFinished(events)).resolves.toEqual({ ran: 'host-install' });
    const again = await enqueueHostJob(registry, buildInstallJob(), key);
    expect(again).toEqual({ ...first, added: false, existingState: 'completed' });
    const counts = await registry.queueFor('web-1').getJobCounts('completed', 'waiting', 'active', 'delayed');
    expect(counts).toEqual({ completed: 1, waiting: 0, active: 0, delayed: 0 });
  });

  it('enqueueing a job that is still waiting adds nothing, while the next attempt is a new job', async () => {
    await enqueueHostJob(registry, buildInstallJob(), key);
    expect(await enqueueHostJob(registry, buildInstallJob(), key)).toMatchObject({
      added: false,
      existingState: 'waiting',
    });
    expect(await enqueueHostJob(registry, buildInstallJob({ attempt: 2 }), key)).toMatchObject({ added: true });
    expect(await registry.queueFor('web-1').getWaitingCount()).toBe(2);
  });

  it('a job changed in Redis after it was signed fails on the agent with words that say why, and is not retried', async () => {
    const { events } = await startAgent('web-1');
    const { id } = await enqueueHostJob(registry, buildInstallJob(), key, { delayMs: 60_000 });
    const job = await registry.queueFor('web-1').getJob(id);
    await job!.updateData({ ...(job!.data as object), runMigrations: false });
    await job!.promote();
    await expect(job!.waitUntilFinished(events)).rejects.toThrow(
      `Job host-install (${id}) has a signature that does not match its contents, so it was not run.`,
    );
    const failed = await registry.queueFor('web-1').getJob(id);
    expect(failed?.attemptsMade).toBe(1);
  });

  it('jobs for two hosts go to two queues that share one Redis connection, all under the configured prefix', async () => {
    await enqueueHostJob(registry, buildInstallJob(), key);
    await enqueueHostJob(registry, buildInstallJob({ hostId: 'db-1' }), key);
    expect(registry.queueFor('web-1')).toBe(registry.queueFor('web-1'));
    expect(registry.queues().map((queue) => queue.name)).toEqual(['dten-host-web-1', 'dten-host-db-1']);
    expect(await registry.queueFor('db-1').getWaitingCount()).toBe(1);
    const clients = (await producer.client('LIST')) as string;
    expect(clients.split('\n').filter((line) => line.includes(` name=${prefix} `))).toHaveLength(1);
    const keys = await keysUnder(producer, prefix);
    expect(keys).toContain(`${prefix}:dten-host-db-1:r-20240501-db-1-install-1`);
    expect(keys).toContain(`${prefix}:dten-host-web-1:r-20240501-web-1-install-1`);
  });
});
