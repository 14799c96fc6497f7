import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostLayout } from '../../src/agent/host/host-layout.js';
import { readCurrentLink } from '../../src/agent/host/read-current-link.js';
import { createHostQueueRegistry, type HostQueueRegistry } from '../../src/bullmq/create-host-queue-registry.js';
import { createRedisConnection } from '../../src/bullmq/create-redis-connection.js';
import { enqueueHostJob } from '../../src/bullmq/enqueue-host-job.js';
import { hostQueueName } from '../../src/bullmq/host-queue-name.js';
import { loadConfig } from '../../src/config.js';
import { isUserError } from '../../src/core/errors/user-error.js';
import type { HostJobPayload } from '../../src/jobs/job-payload.js';
import { describeUserError } from '../../src/messages/user-error-text.js';
import { createDirectoryPackageStore } from '../../src/package-store/create-directory-package-store.js';
import type { PackageStore } from '../../src/package-store/package-store.js';
import { servePackageStore, type PackageStoreServer } from '../../src/package-store/serve-package-store.js';
import { buildHostFixtures, type HostFixtures } from '../agent-host/build-host-fixtures.js';
import { stopStartedUnits } from '../../src/agent/host/stop-started-units.js';
import { deleteKeysUnder, freshPrefix, REDIS_URL } from '../bullmq/redis-test.js';
import { freePort } from '../../src/agent/host/free-port.js';
import { createSeededHost, fixtureRef } from './fixture-packages.js';

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const TSX = fileURLToPath(import.meta.resolve('tsx'));
const JOB_KEY = 'recovery-suite-job-key-'.padEnd(40, 'x');
const WINDOW = { start: '2026-03-14T02:00:00.000Z', end: '2026-03-14T03:00:00.000Z' };
const prefix = freshPrefix();
const token = randomBytes(24).toString('base64url');
let fixtures: HostFixtures;
let producer: Redis;
let registry: HostQueueRegistry;
let server: PackageStoreServer | undefined;
const agents: ChildProcess[] = [];
const hosts: HostLayout[] = [];

beforeAll(async () => {
  fixtures = await buildHostFixtures();
  producer = await createRedisConnection(REDIS_URL, 'producer');
  registry = createHostQueueRegistry({ connection: producer, prefix, keepJobsSeconds: 3600 });
});

afterAll(async () => {
  for (const agent of agents) if (agent.exitCode === null && agent.signalCode === null) agent.kill('SIGKILL');
  for (const layout of hosts) await stopStartedUnits(layout);
  await server?.close();
  await registry?.close();
  await deleteKeysUnder(producer, prefix);
  await producer?.quit();
  await fixtures?.remove();
});

/** `dten agent` as a host runs it: its own process, configured only through the environment. */
function startAgent(root: string, cwd: string, env: Record<string, string>): ChildProcess {
  const agent = spawn(process.execPath, ['--import', TSX, CLI, 'agent', '--host', 'web-1', '--root', root], {
    cwd,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env },
    stdio: 'ignore',
  });
  agents.push(agent);
  return agent;
}

function job(name: 'host-install' | 'host-cleanup'): HostJobPayload {
  const base = { rolloutId: 'r1', hostId: 'web-1', attempt: 1, planDigest: 'c'.repeat(64) };
  const pkg = fixtureRef(fixtures.ready);
  if (name === 'host-cleanup') return { name, data: { ...base, package: pkg } };
  const units = [{ unit: 'dten-server.service', renamedFrom: 'dten.service' }];
  return {
    name,
    data: { ...base, package: pkg, window: WINDOW, units, configChanges: [], runMigrations: false },
  };
}

describe('an agent killed with kill -9 in the middle of a job', () => {
  it('the restarted agent takes the job back once the short lock it held expires, finishes the install, and cleanup removes the cut download', async () => {
    const { layout } = await createSeededHost(fixtures);
    hosts.push(layout);
    // The store hands out its first download never: the first agent dies while it waits for the package.
    const store = createDirectoryPackageStore(join(fixtures.dir, 'store'));
    await store.put(fixtures.ready.outFile, fixtureRef(fixtures.ready).key);
    let stalled: () => void = () => undefined;
    const firstDownload = new Promise<void>((resolve) => (stalled = resolve));
    let downloads = 0;
    const stalling: PackageStore = {
      ...store,
      open: (key) => (++downloads === 1 ? (stalled(), new Promise(() => undefined)) : store.open(key)),
    };
    server = await servePackageStore({ store: stalling, token });
    const env = {
      REDIS_URL,
      DTEN_QUEUE_PREFIX: prefix,
      DTEN_JOB_KEY: JOB_KEY,
      DTEN_PACKAGE_URL: server.url,
      DTEN_PACKAGE_TOKEN: token,
      DTEN_SERVICE_ADAPTER: 'exec',
      DTEN_SERVICE_PORT: String(await freePort()),
      DTEN_AGENT_LOCK_SECONDS: '3',
    };
    const cwd = await mkdtemp(join(fixtures.dir, 'agent-cwd-'));
    const queue = registry.queueFor('web-1');
    const listener = await createRedisConnection(REDIS_URL, 'worker');
    const events = new QueueEvents(hostQueueName('web-1'), { connection: listener, prefix });
    try {
      const first = startAgent(layout.root, cwd, env);
      const install = await enqueueHostJob(registry, job('host-install'), JOB_KEY);
      await firstDownload;
      const lockMs = await producer.pttl(`${queue.toKey(install.id)}:lock`);
      expect(lockMs).toBeGreaterThan(0);
      expect(lockMs).toBeLessThanOrEqual(3000);
      first.kill('SIGKILL');
      await once(first, 'exit');
      expect(await queue.getJobState(install.id)).toBe('active');
      expect((await readdir(layout.packagesDir)).some((name) => name.startsWith('dten-package-'))).toBe(true);

      const second = startAgent(layout.root, cwd, env);
      const installed: unknown = await (await queue.getJob(install.id))!.waitUntilFinished(events);
      expect(installed).toMatchObject({ version: '4.2.0', previousVersion: '4.1.0', health: { healthy: true } });
      expect((await readCurrentLink(layout))?.version).toBe('4.2.0');
      expect(downloads).toBe(2);

      const cleanup = await enqueueHostJob(registry, job('host-cleanup'), JOB_KEY);
      await (await queue.getJob(cleanup.id))!.waitUntilFinished(events);
      expect(await readdir(layout.packagesDir)).toEqual([]);

      second.kill('SIGTERM');
      expect(await once(second, 'exit')).toEqual([0, null]);
    } finally {
      await events.close();
      await listener.quit();
    }
  });

  it('a lock shorter than 2 seconds is refused at start-up, naming DTEN_AGENT_LOCK_SECONDS', () => {
    expect(loadConfig({}).agentLockSeconds).toBe(30);
    expect(loadConfig({ DTEN_AGENT_LOCK_SECONDS: '3' }).agentLockSeconds).toBe(3);
    let refusal = '';
    try {
      loadConfig({ DTEN_AGENT_LOCK_SECONDS: '1' });
    } catch (error) {
      if (isUserError(error)) refusal = describeUserError(error);
    }
    expect(refusal).toContain('DTEN_AGENT_LOCK_SECONDS');
  });
});
