import { access } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisConnection } from '../../src/bullmq/create-redis-connection.js';
import { createHostRegistry } from '../../src/bullmq/host-registry.js';
import { loadConfig } from '../../src/config.js';
import { startLocalFleet, type LocalFleet } from '../../src/console/start-local-fleet.js';
import { createDirectoryPackageStore } from '../../src/package-store/create-directory-package-store.js';
import { deleteKeysUnder, freshPrefix, REDIS_URL } from '../bullmq/redis-test.js';
import { controlEnv } from '../control/control-test-plane.js';

const prefix = freshPrefix();
let redis: Redis;
let fleet: LocalFleet | undefined;

beforeAll(async () => {
  redis = await createRedisConnection(REDIS_URL, 'producer');
});

afterAll(async () => {
  await fleet?.close();
  await deleteKeysUnder(redis, prefix);
  await redis.quit();
});

async function version(port: number): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${port}/version`);
  return response.json();
}

describe("the console's local fleet", () => {
  it('starts agents on seeded roots that register in Redis with dten 4.1.0 running, and stops everything it started', async () => {
    const config = loadConfig(controlEnv(prefix));
    fleet = await startLocalFleet(config, pino({ level: 'silent' }), { hosts: 2, stopGraceMs: 15_000 });
    const { hosts, agents, packageDir } = fleet;

    const registry = createHostRegistry({ redis, prefix, heartbeatTtlMs: 60_000 });
    const registered = await registry.listHosts();
    expect(registered.map((host) => [host.hostId, host.labels, host.components.dten])).toEqual([
      ['web-1', { env: 'demo' }, '4.1.0'],
      ['web-2', { env: 'demo' }, '4.1.0'],
    ]);
    expect(new Set(hosts.map((host) => host.port)).size).toBe(2);
    for (const host of hosts)
      expect(await version(host.port)).toMatchObject({ version: '4.1.0', unit: 'dten.service' });
    const store = createDirectoryPackageStore(packageDir);
    expect(await store.digest(fleet.packageKey)).toMatch(/^[0-9a-f]{64}$/);
    expect(fleet.versions).toEqual({ installed: '4.1.0', upgrade: '4.2.0' });

    const closing = fleet;
    fleet = undefined;
    await closing.close();
    expect(agents.map((agent) => [agent.child.exitCode, agent.child.signalCode])).toEqual([
      [0, null],
      [0, null],
    ]);
    for (const host of hosts) await expect(version(host.port)).rejects.toThrow();
    await expect(access(dirname(packageDir))).rejects.toThrow();
  });
});
