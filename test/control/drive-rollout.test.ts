import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { hostQueueName } from '../../src/bullmq/host-queue-name.js';
import { hostJobId } from '../../src/jobs/job-id.js';
import type { HostStep } from '../../src/jobs/job-names.js';
import { decideRollout } from '../../src/control/decide-rollout.js';
import { commandRollout } from '../../src/control/command-rollout.js';
import { planRollout } from '../../src/control/plan-rollout.js';
import { buildProgressSnapshot } from '../../src/core/rollout/build-progress-snapshot.js';
import { digestPlan } from '../../src/core/rollout/digest-plan.js';
import type { PlanInput } from '../../src/core/rollout/plan.js';
import { createHostQueueRegistry } from '../../src/bullmq/create-host-queue-registry.js';
import { enqueueHostJob } from '../../src/bullmq/enqueue-host-job.js';
import { buildInstallJob } from '../jobs/build-host-job.js';
import { UNPROBED_NOTE, type SimulatedFleet, type startSimulatedFleet } from '../helpers/simulated-fleet.js';
import {
  approveAsBob,
  JOB_KEY,
  POLICY,
  startTestFleet,
  startTestPlane,
  testPlanInput,
  type TestPlane,
} from './control-test-plane.js';

const BOB = { kind: 'user', id: 'U-BOB' } as const;
const HOSTS = ['web-01', 'web-02', 'web-03', 'web-04', 'web-05'];
const open: Array<{ close(): Promise<void> }> = [];

afterEach(async () => {
  // Hosts first: a plane closed under a running fleet would leave their workers polling a deleted prefix.
  for (const item of open.splice(0).reverse()) await item.close();
});

function planInput(overrides: Partial<PlanInput> = {}): PlanInput {
  return testPlanInput(HOSTS, { canary: 1, batch: { kind: 'count', n: 2 }, ...overrides });
}

async function setUp(
  extra: Record<string, string> = {},
  fleet: Partial<Parameters<typeof startSimulatedFleet>[0]> = {},
): Promise<{ t: TestPlane; hosts: SimulatedFleet }> {
  const t = await startTestPlane(extra);
  const hosts = await startTestFleet(t, HOSTS, fleet);
  open.push(t, hosts);
  return { t, hosts };
}

/** The job a host's queue holds for a step of the rollout (attempt 1 unless given). */
async function hostJob(t: TestPlane, host: string, rolloutId: string, step: HostStep, attempt = 1) {
  const queue = new Queue(hostQueueName(host), { connection: t.redis, prefix: t.prefix });
  try {
    return await queue.getJob(hostJobId({ rolloutId, hostId: host, attempt }, step));
  } finally {
    await queue.close();
  }
}

async function planAndApprove(t: TestPlane, overrides: Partial<PlanInput> = {}) {
  const rollout = await planRollout(t.plane.ctx, { plan: planInput(overrides) });
  await t.waitFor(rollout.id, ['awaiting-approval']);
  const { decision } = await approveAsBob(t, rollout);
  expect(decision.ok).toBe(true);
  return rollout;
}

describe('the control plane drives a rollout through its hosts', () => {
  it('preflights every host, waits for approval, runs the canary then the waves, and cleans up', async () => {
    const { t, hosts } = await setUp();
    const rollout = await planAndApprove(t);
    const done = await t.waitFor(rollout.id, ['done', 'failed', 'rolled-back']);

    expect(done.state).toBe('done');
    const waves = done.audit.filter((entry) => entry.event === 'wave-started').map((entry) => entry.detail);
    expect(waves).toEqual(['wave 1 of 3: 1 host(s)', 'wave 2 of 3: 2 host(s)', 'wave 3 of 3: 2 host(s)']);
    for (const host of HOSTS) expect(hosts.ran.get(host)).toEqual(['preflight', 'install', 'cleanup']);
    expect(Object.values(done.cleanup ?? {}).map((c) => c.state)).toEqual(Array(5).fill('done'));
    // What the agents noted without failing is kept for the approver's card.
    expect(Object.values(done.preflight ?? {}).map((result) => result.notes)).toEqual(Array(5).fill([UNPROBED_NOTE]));
    const snapshot = buildProgressSnapshot(done, new Date());
    expect(snapshot.counts.healthy).toBe(5);
    expect(snapshot.blip).toMatchObject({ worstErrorRate: 0, baselineErrorRate: 0 });
    // The canary finished before any other host was asked to install.
    const firstWaveEnd = done.audit.find((entry) => entry.event === 'wave-succeeded')!;
    const secondWave = done.audit.filter((entry) => entry.event === 'wave-started')[1]!;
    expect(Date.parse(secondWave.at)).toBeGreaterThanOrEqual(Date.parse(firstWaveEnd.at));
    expect(done.audit.find((entry) => entry.event === 'approve')?.actor).toEqual({ kind: 'user', id: 'U-BOB' });
  });

  it('stops at the threshold when a host is unhealthy and rolls back what was installed; later waves never start', async () => {
    const { t, hosts } = await setUp(
      {},
      { behave: (host, step) => (host === 'web-03' && step === 'install' ? 'unhealthy' : 'ok') },
    );
    const rollout = await planAndApprove(t);
    const ended = await t.waitFor(rollout.id, ['done', 'failed', 'rolled-back']);

    expect(ended.state).toBe('rolled-back');
    expect(ended.audit.map((entry) => entry.event)).toContain('threshold-exceeded');
    for (const host of ['web-01', 'web-02', 'web-03']) {
      expect(hosts.ran.get(host)).toEqual(['preflight', 'install', 'rollback']);
      expect(ended.hosts[host]).toMatchObject({ state: 'rolled-back', changed: false });
    }
    for (const host of ['web-04', 'web-05']) {
      expect(hosts.ran.get(host)).toEqual(['preflight']);
      expect(ended.hosts[host]?.state).toBe('pending');
    }
    const exceeded = ended.audit.find((entry) => entry.event === 'threshold-exceeded')!;
    expect(exceeded.detail).toMatch(
      /^1 host\(s\) failed \(web-03\), more than max errors 0: rolling back 3 host\(s\)$/,
    );
    expect(buildProgressSnapshot(ended, new Date()).blip?.worstErrorRate).toBe(0.4);
  });

  it('rolls back when the monitoring blip spends more error budget than the plan allows, though every host is healthy', async () => {
    const { t, hosts } = await setUp(
      {},
      { behave: (host, step) => (host === 'web-01' && step === 'install' ? 'degraded' : 'ok') },
    );
    // 0.1% of what 99.9% over one day allows: 86 ms of the whole fleet failing. The canary answers healthy with half
    // its requests failing, a fifth of the fleet at 50%: the second second of bake spends more than that.
    const errorBudget = { sloPercent: 99.9, periodDays: 1, sharePercent: 0.1 };
    const rollout = await planAndApprove(t, { bakeSeconds: 1, errorBudget });
    const ended = await t.waitFor(rollout.id, ['done', 'failed', 'rolled-back']);

    expect(ended.state).toBe('rolled-back');
    expect(ended.hosts['web-01']).toMatchObject({ state: 'rolled-back', changed: false });
    expect(hosts.ran.get('web-05')).toEqual(['preflight']);
    const exceeded = ended.audit.find((entry) => entry.event === 'budget-exceeded')!;
    expect(exceeded.detail).toMatch(
      /^the monitoring blip spent \S+ of error budget \(the whole fleet failing\), more than the 86ms this rollout may spend \(0\.1% of what 99\.9% over 1 days allows\): rolling back$/,
    );
    const { budget } = buildProgressSnapshot(ended, new Date());
    expect(budget?.spentMinutes).toBeGreaterThan(budget!.allowedMinutes);
  });

  it('verifies a rollout whose blip stayed within its error budget, and says how much it spent', async () => {
    const { t } = await setUp();
    const rollout = await planAndApprove(t, { errorBudget: { sloPercent: 99.9, periodDays: 30, sharePercent: 25 } });
    const done = await t.waitFor(rollout.id, ['done', 'failed', 'rolled-back']);
    expect(done.state).toBe('done');
    expect(done.audit.find((entry) => entry.event === 'verify-ok')?.detail).toMatch(
      /; error budget 0s of 10m 48s spent$/,
    );
  });

  it('a rollback that failed on a host runs again there when a person asks, once what it said is fixed', async () => {
    let rollbackBroken = true;
    const { t, hosts } = await setUp(
      {},
      {
        behave: (host, step) =>
          host === 'web-01' && step === 'install'
            ? 'unhealthy'
            : host === 'web-01' && step === 'rollback' && rollbackBroken
              ? 'fail'
              : 'ok',
      },
    );
    const rollout = await planAndApprove(t);
    const failed = await t.waitFor(rollout.id, ['done', 'failed', 'rolled-back']);
    expect(failed.state).toBe('failed');
    expect(failed.hosts['web-01']).toMatchObject({ state: 'failed', changed: true });
    expect(failed.audit.at(-1)?.detail).toBe(
      `not rolled back: web-01; once what each says is fixed, /dten rollback ${rollout.id} runs their rollback again`,
    );

    // BullMQ ran its attempts of the first rollback job; running the rollback again is one new job.
    const tried = hosts.ran.get('web-01')?.length ?? 0;
    rollbackBroken = false;
    await commandRollout(t.plane.ctx, rollout.id, { kind: 'rollback' }, BOB);
    const ended = await t.waitFor(rollout.id, ['rolled-back', 'failed']);
    expect(ended.state).toBe('rolled-back');
    expect(ended.hosts['web-01']).toMatchObject({ state: 'rolled-back', changed: false, rollbackAttempt: 2 });
    expect(hosts.ran.get('web-01')?.slice(tried)).toEqual(['rollback']);
    expect(hosts.ran.get('web-02')).toEqual(['preflight']);
    // Nothing is left to roll back: asking again is refused, as it is for a plan that failed before any host changed.
    await expect(commandRollout(t.plane.ctx, rollout.id, { kind: 'rollback' }, BOB)).rejects.toThrow('user error');
  });

  it('a failed rollout keeps the host it left changed out of other plans until a person lets it go as it is', async () => {
    const { t } = await setUp(
      {},
      {
        behave: (host, step) =>
          host === 'web-01' && (step === 'install' || step === 'rollback')
            ? step === 'install'
              ? 'unhealthy'
              : 'fail'
            : 'ok',
      },
    );
    const rollout = await planAndApprove(t);
    const failed = await t.waitFor(rollout.id, ['done', 'failed', 'rolled-back']);
    expect(failed.state).toBe('failed');
    expect(Object.fromEntries(await t.plane.ctx.store.holdersOf(HOSTS))).toEqual({ 'web-01': rollout.id });
    const busy: unknown = await planRollout(t.plane.ctx, { plan: testPlanInput(['web-01', 'web-02']) }).catch(
      (error: unknown) => error,
    );
    expect(busy).toMatchObject({
      code: 'hosts-busy',
      params: { rollouts: [{ rolloutId: rollout.id, state: 'failed' }] },
    });

    const letGo = await commandRollout(t.plane.ctx, rollout.id, { kind: 'abort' }, BOB);
    expect(letGo).toMatchObject({ state: 'failed', changedHosts: 'let-go' });
    expect(letGo.audit.at(-1)).toMatchObject({
      event: 'let-hosts-go',
      from: 'failed',
      to: 'failed',
      actor: BOB,
      detail: 'the 1 host(s) the rollout left changed are let go as they are: web-01',
    });
    expect((await t.plane.ctx.store.holdersOf(HOSTS)).size).toBe(0);
    // Nothing is kept any more: aborting again is refused, and the rollout stays as it was.
    await expect(commandRollout(t.plane.ctx, rollout.id, { kind: 'abort' }, BOB)).rejects.toMatchObject({
      code: 'nothing-kept',
      params: { id: rollout.id, letGo: true },
    });
    expect((await t.plane.ctx.store.get(rollout.id))?.audit).toHaveLength(letGo.audit.length);
  });

  it('a failed rollback run again on a host a later rollout changed since leaves it to that rollout, and lets it go', async () => {
    let rollback: 'fail' | 'superseded' = 'fail';
    const { t } = await setUp(
      {},
      {
        behave: (host, step) =>
          host !== 'web-01' ? 'ok' : step === 'install' ? 'unhealthy' : step === 'rollback' ? rollback : 'ok',
      },
    );
    const rollout = await planAndApprove(t);
    expect((await t.waitFor(rollout.id, ['done', 'failed', 'rolled-back'])).state).toBe('failed');
    // A person let web-01 go, a later rollout (r-later, as the agent answers) changed it, and someone runs this one's
    // rollback again anyway: the agent changes nothing, and the host is no longer this rollout's to keep.
    await commandRollout(t.plane.ctx, rollout.id, { kind: 'abort' }, BOB);
    rollback = 'superseded';
    await commandRollout(t.plane.ctx, rollout.id, { kind: 'rollback' }, BOB);
    const ended = await t.waitFor(rollout.id, ['rolled-back', 'failed']);
    expect(ended.hosts['web-01']).toMatchObject({
      state: 'skipped',
      changed: false,
      reason: 'not rolled back: rollout r-later changed this host since, so it is left as that rollout has it',
    });
    expect(ended.state).toBe('rolled-back');
    expect((await t.plane.ctx.store.holdersOf(HOSTS)).size).toBe(0);
  });

  it('carries on past a failure within max errors, puts the failed host back on its own (data kept), and reports it', async () => {
    const { t, hosts } = await setUp(
      {},
      { behave: (host, step) => (host === 'web-02' && step === 'install' ? 'fail' : 'ok') },
    );
    const rollout = await planAndApprove(t, { maxErrors: 1 });
    const ended = await t.waitFor(rollout.id, ['done', 'failed', 'rolled-back']);

    expect(ended.state).toBe('done');
    expect(ended.hosts['web-02']).toMatchObject({
      state: 'rolled-back',
      changed: false,
      dataKept: true,
      failedWith: 'install failed on web-02: simulated',
    });
    // BullMQ tried the install three times; then the host alone went back, before the next wave began.
    expect(hosts.ran.get('web-02')).toEqual(['preflight', 'install', 'install', 'install', 'rollback']);
    const wave3 = ended.audit.filter((entry) => entry.event === 'wave-started')[2]!;
    expect(ended.audit.find((entry) => entry.event === 'wave-failed')?.detail).toBe('failed: web-02');
    // web-02 was recorded back on the old release before the third wave started.
    expect(Date.parse(ended.hosts['web-02']!.since!)).toBeLessThanOrEqual(Date.parse(wave3.at));
    expect(Object.keys(ended.cleanup ?? {}).sort()).toEqual(['web-01', 'web-03', 'web-04', 'web-05']);
    // The other hosts run the new release on the migrated schema: web-02's rollback leaves the database to them.
    const rollback = await hostJob(t, 'web-02', rollout.id, 'rollback');
    expect(rollback?.data).toMatchObject({ keepMigrations: true });
    expect((rollback?.data as { reason: string }).reason).toMatch(/within max errors/);
    const snapshot = buildProgressSnapshot(ended, new Date());
    expect(snapshot.counts['rolled-back']).toBe(1);
    expect(snapshot.installFailures).toEqual([{ host: 'web-02', reason: 'install failed on web-02: simulated' }]);
  });

  it('counts a host put back on its own against max errors; over the limit, it is asked again to undo the data', async () => {
    const { t, hosts } = await setUp(
      {},
      {
        behave: (host, step) => ((host === 'web-01' || host === 'web-03') && step === 'install' ? 'unhealthy' : 'ok'),
      },
    );
    const rollout = await planAndApprove(t, { maxErrors: 1 });
    const ended = await t.waitFor(rollout.id, ['done', 'failed', 'rolled-back']);

    expect(ended.state).toBe('rolled-back');
    expect(ended.audit.find((entry) => entry.event === 'threshold-exceeded')?.detail).toMatch(
      /^2 host\(s\) failed \(web-01, web-03\), more than max errors 1: rolling back 3 host\(s\)$/,
    );
    // The canary went back alone with the data kept, then once more, as attempt 2, to undo it with the rest.
    expect(hosts.ran.get('web-01')).toEqual(['preflight', 'install', 'rollback', 'rollback']);
    const job = (attempt: number) =>
      hostJob(t, 'web-01', rollout.id, 'rollback', attempt).then((found) => found?.data as Record<string, unknown>);
    expect(await job(1)).toMatchObject({ keepMigrations: true });
    expect(await job(2)).not.toHaveProperty('keepMigrations');
    expect(ended.hosts['web-01']).toMatchObject({ state: 'rolled-back', changed: false, rollbackAttempt: 2 });
    expect(ended.hosts['web-01']).not.toHaveProperty('dataKept');
    for (const host of ['web-02', 'web-03'])
      expect(ended.hosts[host]).toMatchObject({ state: 'rolled-back', changed: false });
    expect(ended.hosts['web-04']?.state).toBe('pending');
  });

  it('sends a silent host within max errors back too, gives up on that, and keeps the host out of other plans', async () => {
    const { t } = await setUp(
      { DTEN_HOST_SILENCE_SECONDS: '2' },
      { behave: (host, step) => (host === 'web-02' && step === 'install' ? 'hang' : 'ok') },
    );
    const rollout = await planAndApprove(t, { maxErrors: 1 });
    const ended = await t.waitFor(rollout.id, ['done', 'failed', 'rolled-back']);

    expect(ended.state).toBe('done');
    expect(ended.hosts['web-02']).toMatchObject({ state: 'failed', changed: true, dataKept: true });
    expect(ended.hosts['web-02']?.reason).toMatch(/^rollback: its agent has been silent since /);
    expect(ended.hosts['web-02']?.failedWith).toMatch(/^its agent has been silent since /);
    // Waiting behind the install its agent still holds: whatever that did is undone when the agent comes back.
    const rollback = await hostJob(t, 'web-02', rollout.id, 'rollback');
    expect(await rollback?.getState()).toBe('waiting');
    expect(rollback?.data).toMatchObject({ keepMigrations: true });

    // Done, yet nobody knows what web-02 runs: it stays out of other plans until a person lets it go.
    expect(ended.changedHosts).toBe('kept');
    expect(buildProgressSnapshot(ended, new Date()).keptHosts).toBe(1);
    expect(await t.plane.ctx.store.holdersOf(HOSTS)).toEqual(new Map([['web-02', rollout.id]]));
    const another = planRollout(t.plane.ctx, { plan: testPlanInput(['web-02', 'web-03']) });
    await expect(another).rejects.toMatchObject({ code: 'hosts-busy' });
    const letGo = await commandRollout(t.plane.ctx, rollout.id, { kind: 'abort' }, BOB);
    expect(letGo).toMatchObject({ state: 'done', changedHosts: 'let-go' });
    expect(letGo.audit.at(-1)).toMatchObject({
      event: 'let-hosts-go',
      actor: BOB,
      detail: 'the 1 host(s) the rollout left changed are let go as they are: web-02',
    });
    expect((await t.plane.ctx.store.holdersOf(HOSTS)).size).toBe(0);
    // The agent still holds the install: the rollback behind it stays, or that install would finish with nothing to
    // undo it.
    expect(await (await hostJob(t, 'web-02', rollout.id, 'rollback'))?.getState()).toBe('waiting');
    await expect(commandRollout(t.plane.ctx, rollout.id, { kind: 'abort' }, BOB)).rejects.toMatchObject({
      code: 'nothing-kept',
      params: { state: 'done', letGo: true },
    });
  });

  it('takes back the install a silent host never began, so that its agent cannot run it once it is back', async () => {
    const { t, hosts } = await setUp(
      { DTEN_HOST_SILENCE_SECONDS: '2' },
      { behave: (host, step) => (host === 'web-02' && step === 'install' ? 'hang' : 'ok') },
    );
    const rollout = await planRollout(t.plane.ctx, { plan: planInput({ maxErrors: 1 }) });
    await t.waitFor(rollout.id, ['awaiting-approval']);
    // web-02's agent is stuck on another rollout's install, so this rollout's install would wait in its queue.
    const registry = createHostQueueRegistry({ connection: t.redis, prefix: t.prefix, keepJobsSeconds: 3600 });
    open.push(registry);
    const other = buildInstallJob({ hostId: 'web-02', rolloutId: 'r-other' });
    const stuck = await enqueueHostJob(registry, other, JOB_KEY);
    const deadline = Date.now() + 10_000;
    while ((await registry.queueFor('web-02').getJobState(stuck.id)) !== 'active') {
      if (Date.now() > deadline) throw new Error("web-02 never took the other rollout's install");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const { decision } = await approveAsBob(t, rollout);
    expect(decision.ok).toBe(true);
    const ended = await t.waitFor(rollout.id, ['done', 'failed', 'rolled-back']);

    expect(ended.state).toBe('done');
    expect(ended.hosts['web-02']).toMatchObject({ state: 'failed', dataKept: true });
    expect(await hostJob(t, 'web-02', rollout.id, 'install')).toBeUndefined();
    expect(await (await hostJob(t, 'web-02', rollout.id, 'rollback'))?.getState()).toBe('waiting');
    expect(hosts.ran.get('web-02')).toEqual(['preflight', 'install']);

    // A person fixes web-02 by hand and lets it go: nothing this rollout queued there is left to undo that.
    const letGo = await commandRollout(t.plane.ctx, rollout.id, { kind: 'abort' }, BOB);
    expect(letGo.audit.at(-1)?.detail).toBe('the 1 host(s) the rollout left changed are let go as they are: web-02');
    expect(await hostJob(t, 'web-02', rollout.id, 'rollback')).toBeUndefined();
  });

  it('a done rollout whose every failed host went back keeps nothing, and abort is refused as before', async () => {
    const { t } = await setUp(
      {},
      { behave: (host, step) => (host === 'web-02' && step === 'install' ? 'unhealthy' : 'ok') },
    );
    const rollout = await planAndApprove(t, { maxErrors: 1 });
    const ended = await t.waitFor(rollout.id, ['done', 'failed', 'rolled-back']);
    expect(ended.state).toBe('done');
    expect(ended).not.toHaveProperty('changedHosts');
    expect((await t.plane.ctx.store.holdersOf(HOSTS)).size).toBe(0);
    await expect(commandRollout(t.plane.ctx, rollout.id, { kind: 'abort' }, BOB)).rejects.toMatchObject({
      code: 'rollout-refused',
    });
  });

  it('runs a failed cleanup again when a person asks, as a new job on that host only', async () => {
    let cleanupBroken = true;
    const { t, hosts } = await setUp(
      {},
      { behave: (host, step) => (host === 'web-04' && step === 'cleanup' && cleanupBroken ? 'fail' : 'ok') },
    );
    const rollout = await planAndApprove(t);
    const done = await t.waitFor(rollout.id, ['done', 'failed', 'rolled-back']);
    expect(done.cleanup?.['web-04']).toMatchObject({ state: 'failed', detail: 'cleanup failed on web-04: simulated' });
    await expect(commandRollout(t.plane.ctx, rollout.id, { kind: 'pause' }, BOB)).rejects.toThrow('user error');

    cleanupBroken = false;
    const retried = await commandRollout(t.plane.ctx, rollout.id, { kind: 'retry-cleanup' }, BOB);
    expect(retried.state).toBe('cleaning');
    expect(retried.cleanup?.['web-04']).toMatchObject({ state: 'running', attempt: 2 });
    const again = await t.waitFor(rollout.id, ['done']);
    expect(again.cleanup?.['web-04']).toMatchObject({ state: 'done', attempt: 2 });
    expect(again.cleanup?.['web-01']).toEqual(done.cleanup?.['web-01']);
    // Three tries of attempt 1 (BullMQ retries a failed job), then attempt 2.
    expect(hosts.ran.get('web-04')).toEqual(['preflight', 'install', 'cleanup', 'cleanup', 'cleanup', 'cleanup']);
    expect(hosts.ran.get('web-01')).toEqual(['preflight', 'install', 'cleanup']);
    expect(again.audit.slice(-2).map((entry) => [entry.event, entry.to, entry.actor.id])).toEqual([
      ['retry-cleanup', 'cleaning', 'U-BOB'],
      ['cleanup-finished', 'done', 'control-plane'],
    ]);
    const nothingLeft = commandRollout(t.plane.ctx, rollout.id, { kind: 'retry-cleanup' }, BOB);
    await expect(nothingLeft).rejects.toMatchObject({ code: 'nothing-to-retry' });
  });

  it('marks a host whose agent went silent unreachable, counts it as a failure, and says the rollback could not reach it', async () => {
    const { t } = await setUp(
      { DTEN_HOST_SILENCE_SECONDS: '2' },
      { behave: (host, step) => (host === 'web-02' && step === 'install' ? 'hang' : 'ok') },
    );
    const rollout = await planAndApprove(t);
    const ended = await t.waitFor(rollout.id, ['done', 'failed', 'rolled-back']);

    expect(ended.state).toBe('failed');
    expect(ended.audit.find((entry) => entry.event === 'threshold-exceeded')?.detail).toMatch(/failed \(web-02\)/);
    expect(ended.hosts['web-02']).toMatchObject({ state: 'failed', changed: true });
    expect(ended.hosts['web-02']?.reason).toMatch(/^rollback: its agent has been silent since /);
    expect(ended.hosts['web-01']?.state).toBe('rolled-back');
    expect(ended.audit.at(-1)).toMatchObject({
      event: 'rollback-failed',
      detail: `not rolled back: web-02; once what each says is fixed, /dten rollback ${rollout.id} runs their rollback again`,
    });
  });

  it('pauses when what is left of the window cannot hold a wave and a rollback, and carries on once extended', async () => {
    const { t } = await setUp({ DTEN_WAVE_ESTIMATE_SECONDS: '600' });
    const rollout = await planAndApprove(t, {
      window: { start: new Date(Date.now() - 55 * 60_000).toISOString(), durationMinutes: 60 },
    });
    const paused = await t.waitFor(rollout.id, ['paused']);
    expect(paused.audit.at(-1)?.detail).toMatch(
      /^\d+m( \d+s)? left in the window, wave 1 of 3 needs 20m with its bake and a rollback: extend the window or roll back$/,
    );
    await commandRollout(t.plane.ctx, rollout.id, { kind: 'extend', minutes: 60 }, { kind: 'user', id: 'U-BOB' });
    const done = await t.waitFor(rollout.id, ['done', 'failed', 'rolled-back']);
    expect(done.state).toBe('done');
    expect(done.window.durationMinutes).toBe(120);
  });

  it('refuses self-approval, an approval for a changed plan, a stranger, and a second click; every refusal is audited', async () => {
    const { t } = await setUp();
    const rollout = await planRollout(t.plane.ctx, { plan: planInput() });
    await t.waitFor(rollout.id, ['awaiting-approval']);
    const digest = digestPlan(rollout.plan);
    const decide = (approver: string, shown = digest) =>
      decideRollout(t.plane.ctx, {
        rolloutId: rollout.id,
        digest: shown,
        approver,
        verdict: 'approve',
        policy: POLICY,
      });
    const changed = digestPlan({ ...rollout.plan, maxErrors: 3 });

    expect((await decide('U-ALICE')).decision).toMatchObject({ ok: false, reason: 'self-approval' });
    expect((await decide('U-BOB', changed)).decision).toMatchObject({ ok: false, reason: 'digest-changed' });
    expect((await decide('U-MALLORY')).decision).toMatchObject({ ok: false, reason: 'not-an-approver' });
    expect((await decide('U-BOB')).decision.ok).toBe(true);
    expect((await decide('U-BOB')).decision).toMatchObject({ ok: false, reason: 'already-decided' });
    const stored = (await t.plane.store.get(rollout.id))!;
    const refusals = stored.audit.filter((entry) => entry.from === entry.to && /refused/.test(entry.detail ?? ''));
    expect(refusals.map((entry) => entry.actor.id)).toEqual(['U-ALICE', 'U-BOB', 'U-MALLORY', 'U-BOB']);
    expect(stored.approvals).toHaveLength(1);
  });

  it('approved before its window opens, it waits scheduled and starts no wave until the window opens', async () => {
    const { t, hosts } = await setUp();
    const start = new Date(Date.now() + 5_000);
    const rollout = await planAndApprove(t, { window: { start: start.toISOString(), durationMinutes: 60 } });
    const scheduled = await t.waitFor(rollout.id, ['scheduled', 'running', 'done']);
    expect(scheduled.state).toBe('scheduled');
    expect([...hosts.ran.values()].flat()).not.toContain('install');
    const done = await t.waitFor(rollout.id, ['done', 'failed', 'rolled-back']);
    expect(done.state).toBe('done');
    const opened = done.audit.find((entry) => entry.event === 'window-opened')!;
    const firstWave = done.audit.find((entry) => entry.event === 'wave-started')!;
    expect(Date.parse(opened.at)).toBeGreaterThanOrEqual(start.getTime());
    expect(Date.parse(firstWave.at)).toBeGreaterThanOrEqual(start.getTime());
  });

  it('expires an unapproved plan when its window ends, and refuses an approval after that', async () => {
    const { t } = await setUp();
    const start = new Date(Date.now() - 59 * 60_000 - 57_000).toISOString(); // the window ends in about 3 s
    const rollout = await planRollout(t.plane.ctx, { plan: planInput({ window: { start, durationMinutes: 60 } }) });
    const expired = await t.waitFor(rollout.id, ['expired']);
    expect(expired.audit.at(-1)).toMatchObject({ event: 'expire', actor: { kind: 'system' } });
    const { decision } = await approveAsBob(t, rollout);
    expect(decision).toMatchObject({ ok: false, reason: 'expired' });
  });
});
