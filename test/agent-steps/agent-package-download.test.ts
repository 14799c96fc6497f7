import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lstat, readdir, readFile, readlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentWorker } from '../../src/agent/create-agent-worker.js';
import { createPackageFetcher } from '../../src/agent/create-package-fetcher.js';
import type { HostLayout } from '../../src/agent/host/host-layout.js';
import { readCurrentLink } from '../../src/agent/host/read-current-link.js';
import type { HostStepContext } from '../../src/agent/steps/host-step-context.js';
import { createHostQueueRegistry, type HostQueueRegistry } from '../../src/bullmq/create-host-queue-registry.js';
import { createRedisConnection } from '../../src/bullmq/create-redis-connection.js';
import { enqueueHostJob } from '../../src/bullmq/enqueue-host-job.js';
import { hostQueueName } from '../../src/bullmq/host-queue-name.js';
import type { HostJobPayload } from '../../src/jobs/job-payload.js';
import { createLogger } from '../../src/logger.js';
import {
  createDirectoryPackageStore,
  type DirectoryPackageStore,
} from '../../src/package-store/create-directory-package-store.js';
import { describePackageStoreError } from '../../src/messages/package-store-error-text.js';
import { PackageStoreError } from '../../src/package-store/package-store-error.js';
import { packageUrl } from '../../src/package-store/package-url.js';
import { servePackageStore, type PackageStoreServer } from '../../src/package-store/serve-package-store.js';
import { buildHostFixtures, type HostFixtures } from '../agent-host/build-host-fixtures.js';
import { deleteKeysUnder, freshPrefix, REDIS_URL } from '../bullmq/redis-test.js';
import { createSeededHost, fixtureRef } from './fixture-packages.js';

const JOB_KEY = 'download-suite-job-key-'.padEnd(40, 'x');
const WINDOW = { start: '2026-03-14T02:00:00.000Z', end: '2026-03-14T03:00:00.000Z' };
const TAMPERED_KEY = 'Full-upgrade-package-dten-4.2.0-tampered.zip';
const prefix = freshPrefix();
const token = randomBytes(24).toString('base64url');
const served: string[] = [];
let fixtures: HostFixtures;
let store: DirectoryPackageStore;
let server: PackageStoreServer;
let producer: Redis;
let workerConnection: Redis;
let registry: HostQueueRegistry;
const stops: Array<() => Promise<void>> = [];

beforeAll(async () => {
  fixtures = await buildHostFixtures();
  store = createDirectoryPackageStore(join(fixtures.dir, 'store'));
  await store.put(fixtures.ready.outFile, fixtureRef(fixtures.ready).key);
  const tampered = await readFile(fixtures.ready.outFile);
  tampered.writeUInt8(tampered.readUInt8(tampered.length - 30) ^ 0xff, tampered.length - 30);
  await writeFile(join(fixtures.dir, TAMPERED_KEY), tampered);
  await store.put(join(fixtures.dir, TAMPERED_KEY));
  const log = createLogger('info', { write: (line: string) => void served.push(line) });
  server = await servePackageStore({ store, token, log });
  producer = await createRedisConnection(REDIS_URL, 'producer');
  workerConnection = await createRedisConnection(REDIS_URL, 'worker');
  registry = createHostQueueRegistry({ connection: producer, prefix, keepJobsSeconds: 3600 });
});

afterAll(async () => {
  for (const stop of stops) await stop();
  await server?.close();
  await registry?.close();
  await deleteKeysUnder(producer, prefix);
  await Promise.all([producer?.quit(), workerConnection?.quit()]);
  await fixtures?.remove();
});

/** A host running 4.1.0 whose agent fetches packages from the store over HTTP. */
async function seededHost(): Promise<{ layout: HostLayout; ctx: HostStepContext }> {
  const { layout, ctx, stopAll } = await createSeededHost(fixtures);
  stops.push(stopAll);
  const fetchPackage = createPackageFetcher({ layout, baseUrl: server.url, token, store });
  return { layout, ctx: { ...ctx, fetchPackage } };
}

/** Runs the jobs one after the other through the agent's worker; each settles as BullMQ records it. */
async function runJobs(hostId: string, ctx: HostStepContext, jobs: HostJobPayload[]) {
  const events = new QueueEvents(hostQueueName(hostId), { connection: workerConnection.duplicate(), prefix });
  const worker = createAgentWorker({ hostId, connection: workerConnection, prefix, jobKey: JOB_KEY, ctx });
  const settled = [];
  try {
    for (const payload of jobs) {
      const enqueued = await enqueueHostJob(registry, payload, JOB_KEY);
      const job = (await registry.queueFor(hostId).getJob(enqueued.id))!;
      const outcome = await job.waitUntilFinished(events).then(
        (value: unknown) => ({ value, error: undefined }),
        (error: Error) => ({ value: undefined, error: error.message }),
      );
      const stored = (await registry.queueFor(hostId).getJob(enqueued.id))!;
      settled.push({ ...outcome, state: await stored.getState(), attemptsMade: stored.attemptsMade });
    }
    return settled;
  } finally {
    await worker.close();
    await events.close();
  }
}

function jobFor(name: 'host-install' | 'host-preflight' | 'host-cleanup', hostId: string, key: string) {
  const base = {
    rolloutId: 'r1',
    hostId,
    attempt: 1,
    planDigest: 'a'.repeat(64),
    package: { ...fixtureRef(fixtures.ready), key },
  };
  if (name === 'host-cleanup') return { name, data: base } satisfies HostJobPayload;
  if (name === 'host-preflight') return { name, data: { ...base, window: WINDOW } } satisfies HostJobPayload;
  const units = [{ unit: 'dten-server.service', renamedFrom: 'dten.service' }];
  return {
    name,
    data: { ...base, window: WINDOW, units, configChanges: [], runMigrations: false },
  } satisfies HostJobPayload;
}

/** Every path under the host root with its kind, size or link target: what a refused job must not change. */
async function snapshot(root: string, dir = root): Promise<string[]> {
  const lines: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const stats = await lstat(path);
    if (entry.isDirectory()) lines.push(`${relative(root, path)}/`, ...(await snapshot(root, path)));
    else if (entry.isSymbolicLink()) lines.push(`${relative(root, path)} -> ${await readlink(path)}`);
    else lines.push(`${relative(root, path)} ${stats.size} ${stats.mtimeMs}`);
  }
  return lines.sort();
}

const downloadsServed = (): number =>
  served.filter((line) => (JSON.parse(line) as { status?: number }).status === 200).length;

describe('the agent fetches its package from the control plane over HTTP', () => {
  it('when the served package does not match the digest the job was signed with, the job is refused at once in words and the host is left as it was', async () => {
    const { layout, ctx } = await seededHost();
    const before = await snapshot(layout.root);

    const [install] = await runJobs('web-bad', ctx, [jobFor('host-install', 'web-bad', TAMPERED_KEY)]);

    const sentence = describePackageStoreError(
      new PackageStoreError('digest-mismatch', {
        key: TAMPERED_KEY,
        expected: fixtures.ready.sha256,
        actual: await store.digest(TAMPERED_KEY),
      }),
    );
    expect(sentence).toContain('does not match its expected digest');
    expect(install).toMatchObject({ error: sentence, state: 'failed', attemptsMade: 1 });
    expect(await snapshot(layout.root)).toEqual(before);
    expect((await readCurrentLink(layout))?.version).toBe('4.1.0');
  });

  it('when the served package matches, preflight downloads it under var/lib/dten/packages, install reuses that file, and cleanup removes it', async () => {
    const { layout, ctx } = await seededHost();
    const key = fixtureRef(fixtures.ready).key;
    const downloaded = `${fixtures.ready.sha256}.zip`;
    const servedBefore = downloadsServed();

    const [preflight] = await runJobs('web-good', ctx, [jobFor('host-preflight', 'web-good', key)]);
    expect(preflight).toMatchObject({ state: 'completed' });
    expect(await readdir(layout.packagesDir)).toEqual([downloaded]);
    expect(downloadsServed()).toBe(servedBefore + 1);

    const [install, cleanup] = await runJobs('web-good', ctx, [
      jobFor('host-install', 'web-good', key),
      jobFor('host-cleanup', 'web-good', key),
    ]);
    expect(install).toMatchObject({ state: 'completed', value: { version: '4.2.0', health: { healthy: true } } });
    expect(downloadsServed()).toBe(servedBefore + 1);
    expect((await readCurrentLink(layout))?.version).toBe('4.2.0');
    expect(cleanup).toMatchObject({ state: 'completed' });
    expect(cleanup?.value).toContainEqual({ kind: 'staging', name: downloaded, outcome: 'done', detail: 'removed' });
    expect(await readdir(layout.packagesDir)).toEqual([]);
  });

  it("a package named by URL is fetched from that URL (again when the kept copy is damaged), and the store's token goes only to the store's own origin", async () => {
    const layout = await fixtures.newHost();
    const bytes = await readFile(fixtures.ready.outFile);
    const authorizations: Array<string | undefined> = [];
    const elsewhere: Server = createServer((request, response) => {
      authorizations.push(request.headers.authorization);
      response.writeHead(200, { 'content-length': String(bytes.length) }).end(bytes);
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    stops.push(() => new Promise((resolve) => elsewhere.close(() => resolve())));
    const fetchPackage = createPackageFetcher({ layout, baseUrl: server.url, token, store });
    const { version, sha256 } = fixtures.ready;

    const mirror = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/mirror/dten.zip`;
    const fromMirror = await fetchPackage({ url: mirror, version, sha256 });
    expect(authorizations).toEqual([undefined]);
    expect(await readFile(fromMirror)).toEqual(bytes);
    await writeFile(fromMirror, 'a download cut short');
    expect(await fetchPackage({ url: mirror, version, sha256 })).toBe(fromMirror);
    expect(authorizations).toEqual([undefined, undefined]);
    expect(await readFile(fromMirror)).toEqual(bytes);

    // Another package (its own digest, so nothing is reused): the store answers only a bearer of its token.
    const other = await store.digest(TAMPERED_KEY);
    const fromStore = await fetchPackage({ url: packageUrl(server.url, TAMPERED_KEY), version, sha256: other });
    expect(fromStore).toBe(join(layout.packagesDir, `${other}.zip`));
    expect(authorizations).toEqual([undefined, undefined]);
  });

  it('without a package store URL, a key is read from the directory store in place', async () => {
    const layout = await fixtures.newHost();
    const fetchPackage = createPackageFetcher({ layout, baseUrl: undefined, token: undefined, store });
    const key = fixtureRef(fixtures.ready).key;
    expect(await fetchPackage(fixtureRef(fixtures.ready))).toBe(join(store.dir, key));
    expect(await readdir(layout.root)).toEqual([]);
  });
});
