import { afterEach, describe, expect, it, vi } from 'vitest';
import { planRollout } from '../../src/control/plan-rollout.js';
import { startPrivateRedis } from '../helpers/start-private-redis.js';
import { captureLog } from '../postgres/capture-log.js';
import { approveAsBob, startTestFleet, startTestPlane, testPlanInput } from './control-test-plane.js';

const HOSTS = ['web-01', 'web-02', 'web-03', 'web-04', 'web-05', 'web-06'];
const open: Array<{ close(): Promise<void> } | { stop(): Promise<void> }> = [];

afterEach(async () => {
  for (const item of open.splice(0).reverse()) await ('close' in item ? item.close() : item.stop());
});

describe('Redis restarted under a running rollout', () => {
  it('the rollout carries on from what Redis kept and ends done; the outage is logged once per connection, never printed raw', async () => {
    const printed = vi.spyOn(console, 'error');
    const redis = await startPrivateRedis();
    open.push(redis);
    const { log, lines } = captureLog();
    const t = await startTestPlane({ REDIS_URL: redis.url }, { log });
    open.push(t);
    // Each host job takes a while, so the restart falls inside a wave.
    const hosts = await startTestFleet(t, HOSTS, { workMs: 400 });
    open.push(hosts);
    const rollout = await planRollout(t.plane.ctx, {
      plan: testPlanInput(HOSTS, { canary: 1, batch: { kind: 'count', n: 2 } }),
    });
    await t.waitFor(rollout.id, ['awaiting-approval']);
    const approved = await approveAsBob(t, rollout);
    expect(approved.decision.ok).toBe(true);
    await t.waitFor(rollout.id, ['running']);
    // Into the second wave, then Redis goes away for two seconds.
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const current = await t.plane.store.get(rollout.id);
      if ((current?.audit.filter((entry) => entry.event === 'wave-started').length ?? 0) >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await redis.kill();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await redis.start();

    const done = await t.waitFor(rollout.id, ['done', 'failed', 'rolled-back', 'paused'], 60_000);
    expect(done.state).toBe('done');
    for (const host of HOSTS) {
      const ran = hosts.ran.get(host) ?? [];
      // At least once: a job running when Redis died may run again, and the agent's steps are idempotent.
      expect(new Set(ran)).toEqual(new Set(['preflight', 'install', 'cleanup']));
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
});
