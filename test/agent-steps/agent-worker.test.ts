import { QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentWorker } from '../../src/agent/create-agent-worker.js';
import { readCurrentLink } from '../../src/agent/host/read-current-link.js';
import { createHostQueueRegistry, type HostQueueRegistry } from '../../src/bullmq/create-host-queue-registry.js';
import { createRedisConnection } from '../../src/bullmq/create-redis-connection.js';
import { enqueueHostJob } from '../../src/bullmq/enqueue-host-job.js';
import { hostQueueName } from '../../src/bullmq/host-queue-name.js';
import type { HostJobPayload } from '../../src/jobs/job-payload.js';
import { createSeededHost, fixtureRef } from './fixture-packages.js';
import { buildHostFixtures, type HostFixtures } from '../agent-host/build-host-fixtures.js';
import { deleteKeysUnder, freshPrefix, REDIS_URL } from '../bullmq/redis-test.js';

const JOB_KEY = 'k'.repeat(16) + 'test-job-key-of-this-suite';
const WINDOW = { start: '2026-03-14T02:00:00.000Z', end: '2026-03-14T03:00:00.000Z' };
const prefix = freshPrefix();
let fixtures: HostFixtures;
let producer: Redis;
let workerConnection: Redis;
let registry: HostQueueRegistry;
let stopServices: () => Promise<void> = () => Promise.resolve();

beforeAll(async () => {
  fixtures = await buildHostFixtures();
  producer = await createRedisConnection(REDIS_URL, 'producer');
  workerConnection = await createRedisConnection(REDIS_URL, 'worker');
  registry = createHostQueueRegistry({ connection: producer, prefix, keepJobsSeconds: 3600 });
});

afterAll(async () => {
  await stopServices();
  await registry?.close();
  await deleteKeysUnder(producer, prefix);
  await Promise.all([producer?.quit(), workerConnection?.quit()]);
  await fixtures?.remove();
});

describe('the agent on its own queue', () => {
  it('runs a signed install, and refuses a job whose payload was altered after signing without touching the host', async () => {
    const { layout, ctx, stopAll } = await createSeededHost(fixtures);
    stopServices = stopAll;
    // The worker starts only once the tampered job is in place, so it can never run the job before the edit.
    let worker: ReturnType<typeof createAgentWorker> | undefined;
    const events = new QueueEvents(hostQueueName('web-1'), { connection: workerConnection.duplicate(), prefix });
    try {
      const job = (attempt: number, rolloutId: string): HostJobPayload => ({
        name: 'host-install',
        data: {
          rolloutId,
          hostId: 'web-1',
          attempt,
          planDigest: 'a'.repeat(64),
          package: fixtureRef(fixtures.ready),
          window: WINDOW,
          units: [{ unit: 'dten-server.service', renamedFrom: 'dten.service' }],
          configChanges: [],
          runMigrations: false,
        },
      });

      const tampered = await enqueueHostJob(registry, job(1, 'r-bad'), JOB_KEY);
      const queued = await registry.queueFor('web-1').getJob(tampered.id);
      await queued!.updateData({ ...(queued!.data as object), rolloutId: 'r-other' });
      worker = createAgentWorker({ hostId: 'web-1', connection: workerConnection, prefix, jobKey: JOB_KEY, ctx });
      await expect(queued!.waitUntilFinished(events)).rejects.toThrow(/signature/i);
      expect((await readCurrentLink(layout))?.version).toBe('4.1.0');

      const good = await enqueueHostJob(registry, job(1, 'r1'), JOB_KEY);
      const result = (await (await registry.queueFor('web-1').getJob(good.id))!.waitUntilFinished(events)) as {
        version: string;
        health: { healthy: boolean };
      };
      expect(result).toMatchObject({ version: '4.2.0', health: { healthy: true } });
      expect((await readCurrentLink(layout))?.version).toBe('4.2.0');
    } finally {
      await worker?.close();
      await events.close();
    }
  });

  it('runs no install of a rollout whose rollback already ran on the host, as a stalled job taken after it would', async () => {
    const { layout, ctx, stopAll } = await createSeededHost(fixtures);
    const before = stopServices;
    stopServices = async () => {
      await before();
      await stopAll();
    };
    const events = new QueueEvents(hostQueueName('web-2'), { connection: workerConnection.duplicate(), prefix });
    const worker = createAgentWorker({ hostId: 'web-2', connection: workerConnection, prefix, jobKey: JOB_KEY, ctx });
    const base = {
      rolloutId: 'r-back',
      hostId: 'web-2',
      attempt: 1,
      planDigest: 'a'.repeat(64),
      package: fixtureRef(fixtures.ready),
    };
    const finished = async (job: HostJobPayload): Promise<unknown> => {
      const queued = await enqueueHostJob(registry, job, JOB_KEY);
      return (await registry.queueFor('web-2').getJob(queued.id))!.waitUntilFinished(events);
    };
    try {
      // The control plane gave up on the host and sent it back before its agent ever began the install.
      await finished({
        name: 'host-rollback',
        data: { ...base, reason: 'its install failed within max errors', keepMigrations: true },
      });
      const install = finished({
        name: 'host-install',
        data: {
          ...base,
          window: WINDOW,
          units: [{ unit: 'dten-server.service', renamedFrom: 'dten.service' }],
          configChanges: [],
          runMigrations: false,
        },
      });
      await expect(install).rejects.toThrow(
        'Rollout r-back was already rolled back on this host, so its install is not run here again and nothing was changed. Plan a new rollout for this host.',
      );
      expect((await readCurrentLink(layout))?.version).toBe('4.1.0');
    } finally {
      await worker.close();
      await events.close();
    }
  });
});
