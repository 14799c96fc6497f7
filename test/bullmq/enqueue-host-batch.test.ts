import { FlowProducer, Queue, Worker, type QueueEvents } from 'bullmq';
import { createRedisConnection } from '../../src/bullmq/create-redis-connection.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTROL_QUEUE } from '../../src/bullmq/control-queue-name.js';
import { createHostJobPort } from '../../src/bullmq/create-host-job-port.js';
import { createHostQueueRegistry, type HostQueueRegistry } from '../../src/bullmq/create-host-queue-registry.js';
import { enqueueHostBatch, type HostBatchTarget } from '../../src/bullmq/enqueue-host-batch.js';
import { enqueueHostJob } from '../../src/bullmq/enqueue-host-job.js';
import { hostQueueName } from '../../src/bullmq/host-queue-name.js';
import { batchListKey, readHostBatches } from '../../src/bullmq/read-host-batches.js';
import type { HostJobPort } from '../../src/control/host-job-port.js';
import { verifyJob } from '../../src/jobs/verify-job.js';
import { buildInstallJob, makeJobKey } from '../jobs/build-host-job.js';
import { REDIS_URL, useFreshRedis } from './redis-test.js';
import { startTestAgent } from './start-test-agent.js';

const key = makeJobKey();
const BATCH = { rolloutId: 'r-20240501', batch: 'install-0123456789ab' };
/** The batch as it is asked for: the wake job's data and the round it belongs to. */
const ASKED = { ...BATCH, round: 1 };
const WAKE_ID = 'r-20240501-wake-install-0123456789ab';
const fresh = useFreshRedis({ nameConnection: true });
let registry: HostQueueRegistry;
let target: HostBatchTarget;
let control: Queue;
const closers: Array<() => Promise<unknown>> = [];

beforeEach(() => {
  const connection = fresh.redis;
  registry = createHostQueueRegistry({ connection, prefix: fresh.prefix, keepJobsSeconds: 86_400 });
  const flows = new FlowProducer({ connection, prefix: fresh.prefix });
  control = new Queue(CONTROL_QUEUE, { connection, prefix: fresh.prefix });
  target = { registry, flows, redis: connection, key, keepSeconds: 86_400 };
  closers.push(
    () => flows.close(),
    () => control.close(),
  );
});

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await registry.close();
});

const startAgent = (hostId: string, refuse = false): Promise<QueueEvents> =>
  startTestAgent({ hostId, prefix: fresh.prefix, key, closers, refuse });

const wakeState = async (): Promise<string> => (await control.getJob(WAKE_ID))?.getState() ?? 'missing';

async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('enqueueing a batch of host jobs that wakes the control plane', () => {
  it('puts each signed job on its own host queue under its deterministic id, below a signed wake job that waits for them', async () => {
    const jobs = [buildInstallJob(), buildInstallJob({ hostId: 'db-1' })];
    await enqueueHostBatch(target, jobs, ASKED);
    const web = await registry.queueFor('web-1').getJob('r-20240501-web-1-install-1');
    expect(await web?.getState()).toBe('waiting');
    expect(verifyJob(web!, { key, hostId: 'web-1' })).toEqual({ ok: true, job: jobs[0] });
    expect(web?.opts).toMatchObject({ attempts: 3, removeOnComplete: { age: 86_400 } });
    expect(web?.parentKey).toBe(`${fresh.prefix}:${CONTROL_QUEUE}:${WAKE_ID}`);
    expect(await registry.queueFor('db-1').getJob('r-20240501-db-1-install-1')).toBeDefined();
    const wake = await control.getJob(WAKE_ID);
    expect(await wake?.getState()).toBe('waiting-children');
    expect(verifyJob(wake!, { key })).toEqual({ ok: true, job: { name: 'rollout-wake', data: BATCH } });
  });

  it('the wake job becomes ready only when the last host job has finished, a job its agent refused included', async () => {
    await enqueueHostBatch(target, [buildInstallJob(), buildInstallJob({ hostId: 'db-1' })], ASKED);
    const events = await startAgent('db-1', true);
    const db = await registry.queueFor('db-1').getJob('r-20240501-db-1-install-1');
    await expect(db!.waitUntilFinished(events)).rejects.toThrow('refused by the test');
    expect(await wakeState()).toBe('waiting-children');
    await startAgent('web-1');
    await until(async () => (await wakeState()) === 'waiting');
  });

  it('a job that already ran is not added again and counts as finished for the batch', async () => {
    const events = await startAgent('web-1');
    const done = await enqueueHostJob(registry, buildInstallJob(), key);
    await (await registry.queueFor('web-1').getJob(done.id))!.waitUntilFinished(events);
    await enqueueHostBatch(target, [buildInstallJob()], ASKED);
    await until(async () => (await wakeState()) === 'waiting');
    const counts = await registry.queueFor('web-1').getJobCounts('completed', 'waiting', 'active');
    expect(counts).toEqual({ completed: 1, waiting: 0, active: 0 });
  });

  it('the same batch asked for again adds no job and no second wake', async () => {
    await enqueueHostBatch(target, [buildInstallJob()], ASKED);
    await enqueueHostBatch(target, [buildInstallJob()], ASKED);
    expect(await registry.queueFor('web-1').getWaitingCount()).toBe(1);
    expect(await control.getJobCounts('waiting-children', 'waiting')).toEqual({ 'waiting-children': 1, waiting: 0 });
  });
});

describe("the control plane's view of host jobs", () => {
  const createPort = (): HostJobPort =>
    createHostJobPort({
      registry,
      flows: target.flows,
      control,
      redis: fresh.redis,
      jobKey: key,
      keepJobsSeconds: 86_400,
    });

  it('takes back a job no agent holds, leaves the one an agent holds, and the batch still wakes the step job', async () => {
    const port = createPort();
    await port.enqueue([buildInstallJob(), buildInstallJob({ hostId: 'db-1' })], ASKED);
    // web-1's agent takes its job and holds it; db-1's agent is silent, so its job waits.
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const connection = await createRedisConnection(REDIS_URL, 'worker');
    const worker = new Worker(hostQueueName('web-1'), () => held.then(() => ({ ran: 'host-install' })), {
      connection,
      prefix: fresh.prefix,
    });
    closers.push(
      () => connection.quit(),
      () => worker.close(),
    );
    const web1 = registry.queueFor('web-1');
    const jobId = (await web1.getJobs(['waiting', 'active']))[0]?.id ?? '';
    await until(async () => (await web1.getJobState(jobId)) === 'active');
    const dbJobId = (await registry.queueFor('db-1').getJobs(['waiting']))[0]?.id ?? '';

    const stillHeld = await port.withdraw([
      { hostId: 'web-1', jobId },
      { hostId: 'db-1', jobId: dbJobId },
    ]);
    expect(stillHeld).toEqual([{ hostId: 'web-1', jobId }]);
    expect(await registry.queueFor('db-1').getJobState(dbJobId)).toBe('unknown');
    expect(await web1.getJobState(jobId)).toBe('active');

    // The agent dies, its lock lapses: the job it left active is taken back too, and the batch wakes the step job.
    await worker.close(true);
    await fresh.redis.del(`${fresh.prefix}:${hostQueueName('web-1')}:${jobId}:lock`);
    expect(await port.withdraw([{ hostId: 'web-1', jobId }])).toEqual([]);
    expect(await web1.getJobState(jobId)).toBe('unknown');
    await until(async () => (await wakeState()) === 'waiting');
    release();
  });

  it('reads finished, refused and unfinished jobs from their batch, and a job in no batch from its own queue', async () => {
    const port = createPort();
    const hosts = ['web-1', 'db-1', 'cache-1'];
    await port.enqueue(
      hosts.map((hostId) => buildInstallJob({ hostId })),
      ASKED,
    );
    const webEvents = await startAgent('web-1');
    const dbEvents = await startAgent('db-1', true);
    const alone = await enqueueHostJob(registry, buildInstallJob({ hostId: 'web-2' }), key);
    const web2Events = await startAgent('web-2');
    await (await registry.queueFor('web-2').getJob(alone.id))!.waitUntilFinished(web2Events);
    await (await registry.queueFor('web-1').getJob('r-20240501-web-1-install-1'))!.waitUntilFinished(webEvents);
    await expect(
      (await registry.queueFor('db-1').getJob('r-20240501-db-1-install-1'))!.waitUntilFinished(dbEvents),
    ).rejects.toThrow();
    const asked = [...hosts, 'web-2', 'web-3'].map((hostId) => ({ hostId, jobId: `r-20240501-${hostId}-install-1` }));
    expect(await port.statuses({ rolloutId: 'r-20240501', step: 'install' }, asked)).toEqual([
      { state: 'completed', result: { ran: 'host-install' } },
      { state: 'failed', reason: 'refused by the test' },
      { state: 'waiting' },
      { state: 'completed', result: { ran: 'host-install' } },
      { state: 'missing' },
    ]);
  });

  it("reads a step's batches newest first until every host asked for is found, an older batch's hosts included", async () => {
    const port = createPort();
    const hosts = ['web-1', 'db-1', 'cache-1'];
    for (const [i, hostId] of hosts.entries()) {
      await port.enqueue([buildInstallJob({ hostId })], {
        rolloutId: 'r-20240501',
        batch: `install-00000000000${i}`,
        round: i,
      });
    }
    const events = await startAgent('db-1');
    await (await registry.queueFor('db-1').getJob('r-20240501-db-1-install-1'))!.waitUntilFinished(events);
    const childKey = (hostId: string): string =>
      `${fresh.prefix}:${hostQueueName(hostId)}:r-20240501-${hostId}-install-1`;
    // Straight from the batches: a key they do not hold would be left out, not looked up on its queue.
    const read = await readHostBatches(
      fresh.redis,
      control,
      batchListKey(fresh.prefix, 'r-20240501', 'install'),
      hosts.map(childKey),
    );
    expect(Object.fromEntries(read)).toEqual({
      [childKey('web-1')]: { state: 'waiting' },
      [childKey('db-1')]: { state: 'completed', result: { ran: 'host-install' } },
      [childKey('cache-1')]: { state: 'waiting' },
    });
  });
});
