import { Queue } from 'bullmq';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTROL_QUEUE } from '../../src/bullmq/control-queue-name.js';
import { ensureDrivers } from '../../src/bullmq/ensure-drivers.js';
import { startControlPlane } from '../../src/bullmq/start-control-plane.js';
import { planRollout } from '../../src/control/plan-rollout.js';
import { rolloutStepJobId } from '../../src/jobs/job-id.js';
import { startSimulatedFleet } from '../helpers/simulated-fleet.js';
import { JOB_KEY, startTestPlane, testPlanInput } from './control-test-plane.js';

const HOSTS = ['web-01', 'web-02'];
const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

describe('a rollout whose step job was lost', () => {
  it('is driven again by the next control plane to start', async () => {
    const t = await startTestPlane();
    open.push({ close: () => t.close() });
    // No agent answers yet: the rollout waits in draft for its per-host preflight, its step job delayed.
    const rollout = await planRollout(t.plane.ctx, { plan: testPlanInput(HOSTS) });
    const queue = new Queue(CONTROL_QUEUE, { connection: t.redis, prefix: t.prefix });
    open.push({ close: () => queue.close() });
    const stepJob = async () =>
      queue.getJob(
        rolloutStepJobId({ rolloutId: rollout.id, sequence: await t.plane.store.currentDriver(rollout.id) }),
      );
    await waitUntilDelayed(async () => (await stepJob())?.isDelayed());
    // Redis lost the step job (a failover, a flush by hand): nothing would ever drive the rollout again.
    await (await stepJob())?.remove();
    expect(await stepJob()).toBeUndefined();

    const fleet = await startSimulatedFleet({
      connection: t.connection,
      prefix: t.prefix,
      jobKey: JOB_KEY,
      hosts: HOSTS,
      registry: t.plane.hosts,
    });
    open.push(fleet);
    // A second control plane (a replica, or the same one restarted) finds it at start and drives it on.
    const replica = await startControlPlane(t.config, pino({ level: 'silent' }));
    open.push(replica);
    expect((await t.waitFor(rollout.id, ['awaiting-approval'])).state).toBe('awaiting-approval');
    // Driven again, it is left alone by the next sweep.
    expect(await ensureDrivers(queue, replica.store, (id) => replica.ctx.startDriver(id))).toEqual([]);
  }, 60_000);
});

async function waitUntilDelayed(check: () => Promise<boolean | undefined>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
}
