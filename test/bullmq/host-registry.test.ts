import { describe, expect, it } from 'vitest';
import { createHostRegistry } from '../../src/bullmq/host-registry.js';
import { parseLabelSelector } from '../../src/core/rollout/parse-label-selector.js';
import { selectHosts } from '../../src/core/rollout/select-hosts.js';
import type { AgentFacts } from '../../src/jobs/agent-facts.js';
import { keysUnder, useFreshRedis } from './redis-test.js';

const fresh = useFreshRedis();

function factsOf(hostId: string, labels: Record<string, string>, seenAt = new Date()): AgentFacts {
  return {
    hostId,
    labels,
    components: { dten: '4.1.3', postgres: '15.6' },
    units: ['dten.service', 'dten-reindex.timer'],
    scheduledTasks: [
      { kind: 'cron', name: 'dten-reindex', schedule: '30 2 * * *', description: 'at 02:30, every day' },
    ],
    configKeys: ['dten.legacy', 'dten.port'],
    freeDiskBytes: 42 * 1024 ** 3,
    agentVersion: '0.1.0',
    seenAt: seenAt.toISOString(),
  };
}

describe('the host registry agents report to', () => {
  it('an agent that registers is listed with its facts, and the labels feed host selection in the core', async () => {
    const registry = createHostRegistry({ redis: fresh.redis, prefix: fresh.prefix, heartbeatTtlMs: 60_000 });
    await registry.register(factsOf('web-1', { role: 'web', env: 'prod' }));
    await registry.register(factsOf('db-1', { role: 'db', env: 'prod' }));
    const hosts = await registry.listHosts();
    expect(hosts.map((host) => host.hostId)).toEqual(['db-1', 'web-1']);
    expect(await registry.getFacts('web-1')).toMatchObject({
      components: { dten: '4.1.3' },
      units: ['dten.service', 'dten-reindex.timer'],
    });
    const selectable = hosts.map((host) => ({ id: host.hostId, labels: host.labels }));
    const selector = parseLabelSelector('role=web,env=prod') ?? [];
    expect(selectHosts({ labels: selector }, selectable).targets).toEqual(['web-1']);
  });

  it('registering again replaces the earlier facts, and a host nobody registered has none', async () => {
    const registry = createHostRegistry({ redis: fresh.redis, prefix: fresh.prefix, heartbeatTtlMs: 60_000 });
    await registry.register(factsOf('web-1', { role: 'web' }));
    await registry.register({ ...factsOf('web-1', { role: 'web' }), components: { dten: '4.2.0' } });
    expect((await registry.getFacts('web-1'))?.components).toEqual({ dten: '4.2.0' });
    expect(await registry.getFacts('web-9')).toBeUndefined();
  });

  it('a host whose heartbeat lapses is no longer alive but still listed with when it was last seen; one that keeps beating stays alive', async () => {
    const registry = createHostRegistry({ redis: fresh.redis, prefix: fresh.prefix, heartbeatTtlMs: 300 });
    const registered = new Date();
    await registry.register(factsOf('web-1', { role: 'web' }, registered));
    await registry.register(factsOf('web-2', { role: 'web' }));
    let alive: string[] = [];
    for (let tries = 0; tries < 100; tries++) {
      await registry.heartbeat('web-2');
      alive = (await registry.aliveHosts()).map((host) => host.hostId);
      if (!alive.includes('web-1')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(alive).toEqual(['web-2']);
    expect(await registry.getFacts('web-1')).toMatchObject({ hostId: 'web-1', seenAt: registered.toISOString() });
  });

  it('a heartbeat older than the TTL at the time asked about does not count as alive', async () => {
    const registry = createHostRegistry({ redis: fresh.redis, prefix: fresh.prefix, heartbeatTtlMs: 60_000 });
    await registry.register(factsOf('web-1', { role: 'web' }));
    const inTwoMinutes = new Date(Date.now() + 120_000);
    expect(await registry.aliveHosts(inTwoMinutes)).toEqual([]);
    expect((await registry.aliveHosts()).map((host) => host.hostId)).toEqual(['web-1']);
  });

  it('a host that leaves is gone from the registry, and every key the registry wrote sits under the prefix', async () => {
    const registry = createHostRegistry({ redis: fresh.redis, prefix: fresh.prefix, heartbeatTtlMs: 60_000 });
    await registry.register(factsOf('web-1', { role: 'web' }));
    await registry.register(factsOf('web-2', { role: 'web' }));
    expect(await keysUnder(fresh.redis, fresh.prefix)).toEqual([
      `${fresh.prefix}:host-registry:alive:web-1`,
      `${fresh.prefix}:host-registry:alive:web-2`,
      `${fresh.prefix}:host-registry:facts`,
    ]);
    await registry.deregister('web-1');
    expect((await registry.listHosts()).map((host) => host.hostId)).toEqual(['web-2']);
  });

  it('facts an agent cannot stand behind (negative free disk, a host id with a colon) are refused before they reach Redis', async () => {
    const registry = createHostRegistry({ redis: fresh.redis, prefix: fresh.prefix, heartbeatTtlMs: 60_000 });
    await expect(registry.register({ ...factsOf('web-1', {}), freeDiskBytes: -1 })).rejects.toThrow(/freeDiskBytes/);
    await expect(registry.register(factsOf('web:1', {}))).rejects.toThrow(/hostId/);
    expect(await registry.listHosts()).toEqual([]);
  });
});
