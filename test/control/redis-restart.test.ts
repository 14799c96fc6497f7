import { afterEach, describe, expect, it, vi } from 'vitest';
import { planRollout } from '../../src/control/plan-rollout.js';
import type { Rollout } from '../../src/core/rollout/rollout.js';
import type { SimulatedFleet } from '../helpers/simulated-fleet.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/start-private-redis.js';
import { captureLog } from '../postgres/capture-log.js';
import { approveAsBob, startTestFleet, startTestPlane, testPlanInput, type TestPlane } from './control-test-plane.js';

const open: Array<{ close(): Promise<void> } | { stop(): Promise<void> }> = [];

afterEach(async () => {
  for (const item of open.splice(0).reverse()) await ('close' in item ? item.close() : item.stop());
});

/** A control plane and simulated hosts on a Redis of the test's own; the rollout of `hosts` approved and running. */
async function runningRollout(
  hosts: string[],
  env: Record<string, string>,
  fleet: Parameters<typeof startTestFleet>[2],
): Promise<{ redis: PrivateRedis; t: TestPlane; fleet: SimulatedFleet; rollout: Rollout; lines: string[] }> {
  const redis = await startPrivateRedis();
  open.push(redis);
  const { log, lines } = captureLog();
  const t = await startTestPlane({ REDIS_URL: redis.url, ...env }, { log });
  open.push(t);
  const started = await startTestFleet(t, hosts, fleet);
  open.push(started);
  const rollout = await planRollout(t.plane.ctx, {
    plan: testPlanInput(hosts, { canary: 1, batch: { kind: 'count', n: 2 } }),
  });
  await t.waitFor(rollout.id, ['awaiting-approval']);
  expect((await approveAsBob(t, rollout)).decision.ok).toBe(true);
  await t.waitFor(rollout.id, ['running']);
  return { redis, t, fleet: started, rollout, lines };
}

/** Waits until `waves` waves have started. */
async function waitForWaves(t: TestPlane, rolloutId: string, waves: number): Promise<void> {
  for (const deadline = Date.now() + 20_000; Date.now() < deadline;) {
    const current = await t.plane.store.get(rolloutId).catch(() => undefined);
    if ((current?.audit.filter((entry) => entry.event === 'wave-started').length ?? 0) >= waves) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`wave ${waves} did not start within 20 s`);
}

async function outage(redis: PrivateRedis, ms: number): Promise<void> {
  await redis.kill();
  await new Promise((resolve) => setTimeout(resolve, ms));
  await redis.start();
}

describe('Redis restarted under a running rollout', () => {
  it('the rollout carries on from what Redis kept and ends done; the outage is logged once per connection, never printed raw', async () => {
    const printed = vi.spyOn(console, 'error');
    const hosts = ['web-01', 'web-02', 'web-03', 'web-04', 'web-05', 'web-06'];
    // Each host job takes a while, so the restart falls inside a wave.
    const { redis, t, fleet, rollout, lines } = await runningRollout(hosts, {}, { workMs: 400 });
    await waitForWaves(t, rollout.id, 2);
    await outage(redis, 2_000);

    const done = await t.waitFor(rollout.id, ['done', 'failed', 'rolled-back', 'paused'], 60_000);
    expect(done.state).toBe('done');
    for (const host of hosts) {
      // At least once: a job running when Redis died may run again, and the agent's steps are idempotent.
      expect(new Set(fleet.ran.get(host))).toEqual(new Set(['preflight', 'install', 'cleanup']));
    }
    // What the operator reads: each of the control plane's connections says it lost Redis and found it again, once.
    const said = lines.map((line) => JSON.parse(line) as { msg: string; level: number });
    const lost = said.filter((entry) => entry.msg === 'Redis connection lost; reconnecting');
    const back = said.filter((entry) => entry.msg === 'Redis connection back');
    expect(lost.length).toBeGreaterThanOrEqual(2);
    expect(back).toHaveLength(lost.length);
    // BullMQ and ioredis print to stderr, with stacks, only what nobody listens for.
    expect(printed).not.toHaveBeenCalled();
    printed.mockRestore();
  }, 90_000);

  it('an outage longer than the silence allowance does not make hosts unreachable: their heartbeats could not land', async () => {
    const hosts = ['web-01', 'web-02', 'web-03'];
    // Silent for 5 s makes a host unreachable. Redis is away for 6 s, so the canary's last heartbeat is older than
    // that when it comes back; its install (15 s) is still running, and its agent needs 4 s more to beat again.
    const { redis, t, fleet, rollout } = await runningRollout(
      hosts,
      { DTEN_HOST_SILENCE_SECONDS: '5' },
      { workMs: (host, step) => (host === 'web-01' && step === 'install' ? 15_000 : 0) },
    );
    let beating = true;
    const beats = setInterval(() => void (beating && fleet.beat().catch(() => undefined)), 300);
    try {
      await waitForWaves(t, rollout.id, 1);
      beating = false;
      await outage(redis, 6_000);
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      beating = true;
      const ended = await t.waitFor(rollout.id, ['done', 'failed', 'rolled-back', 'paused'], 60_000);
      expect(ended.state).toBe('done');
      expect(Object.values(ended.hosts).map((host) => host.state)).toEqual(['healthy', 'healthy', 'healthy']);
    } finally {
      clearInterval(beats);
    }
  }, 90_000);
});
