import { afterEach, describe, expect, it } from 'vitest';
import { driveRollout } from '../../src/control/drive-rollout.js';
import { SYSTEM, type ControlContext } from '../../src/control/control-context.js';
import { planRollout } from '../../src/control/plan-rollout.js';
import type { RolloutEvent } from '../../src/core/rollout/rollout-event.js';
import { transition } from '../../src/core/rollout/transition.js';
import { TransitionRefused } from '../../src/core/rollout/transition-refused.js';
import { enqueueHostJobs } from '../../src/control/enqueue-host-jobs.js';
import { enterRollback } from '../../src/control/enter-rollback.js';
import { recordHostStates } from '../../src/core/rollout/record-host-states.js';
import { hostJobId } from '../../src/jobs/job-id.js';
import { startTestFleet, startTestPlane, testPlanInput, type TestPlane } from './control-test-plane.js';

const BOB = { kind: 'user', id: 'U-BOB' } as const;
const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  // Hosts first: a plane closed under a running fleet would leave their workers polling a deleted prefix.
  for (const item of open.splice(0).reverse()) await item.close();
});

/** A plane that does not drive by itself: the test runs the step job's work with driveRollout. */
async function plane(): Promise<TestPlane> {
  const t = await startTestPlane({}, { drive: false });
  open.push(t);
  return t;
}

/** A rollout of web-01 moved through `events` by hand, as the driver and an approver would have. */
async function rolloutAfter(t: TestPlane, events: RolloutEvent[]) {
  const rollout = await planRollout(t.plane.ctx, { plan: testPlanInput(['web-01']) });
  const now = new Date();
  return t.plane.store.update(rollout.id, (r) =>
    events.reduce((moved, event) => transition(moved, event, SYSTEM, now), r),
  );
}

/** The plane's context an hour and a minute on: the plan's hour-long window, opened a minute ago, has ended. */
function afterTheWindow(ctx: ControlContext): ControlContext {
  return { ...ctx, now: () => new Date(Date.now() + 61 * 60_000) };
}

describe('the step job on a rollout that is not where it expects', () => {
  it('stops when a newer driver took over, and when the rollout is gone', async () => {
    const t = await plane();
    const rollout = await rolloutAfter(t, []);
    const driver = await t.plane.store.currentDriver(rollout.id);
    expect(await driveRollout(t.plane.ctx, rollout.id, driver - 1)).toEqual({
      next: 'stop',
      why: 'a newer driver took over',
    });
    expect(await driveRollout(t.plane.ctx, 'r-never-planned', 0)).toEqual({ next: 'stop', why: 'no such rollout' });
  });

  it('reads the rollout again when someone moved it between its read and its write, and carries on from there', async () => {
    const t = await plane();
    const rollout = await rolloutAfter(t, ['preflight-passed']);
    let raced = false;
    const ctx: ControlContext = {
      ...t.plane.ctx,
      store: {
        ...t.plane.store,
        update: (id, change) => {
          if (raced) return t.plane.store.update(id, change);
          raced = true;
          // As a replica's write would: the change is refused against what is recorded now.
          return Promise.reject(new TransitionRefused('awaiting-approval', 'request-approval'));
        },
      },
    };
    const drive = await driveRollout(ctx, rollout.id, await t.plane.store.currentDriver(rollout.id));
    expect(raced).toBe(true);
    expect(drive).toMatchObject({ next: 'wait', why: 'waiting for an approver' });
    expect((await t.plane.store.get(rollout.id))?.state).toBe('awaiting-approval');
  });

  it('expires a plan nobody approved once its window has ended, saying so', async () => {
    const t = await plane();
    const rollout = await rolloutAfter(t, ['preflight-passed', 'request-approval']);
    const drive = await driveRollout(afterTheWindow(t.plane.ctx), rollout.id, 1);
    expect(drive.next).toBe('stop');
    const ended = await t.plane.store.get(rollout.id);
    expect(ended?.state).toBe('expired');
    expect(ended?.audit.at(-1)).toMatchObject({ event: 'expire', detail: 'nobody approved before the window ended' });
  });

  it('expires an approved rollout whose window passed before it could start, saying so', async () => {
    const t = await plane();
    const rollout = await rolloutAfter(t, ['preflight-passed', 'request-approval', 'approve', 'schedule']);
    const drive = await driveRollout(afterTheWindow(t.plane.ctx), rollout.id, 1);
    expect(drive.next).toBe('stop');
    const ended = await t.plane.store.get(rollout.id);
    expect(ended?.state).toBe('expired');
    expect(ended?.audit.at(-1)).toMatchObject({
      event: 'window-ended',
      detail: 'the window passed before it opened here',
    });
  });

  it("does not take a host's own rollback for the one a person asked since, which must undo the data", async () => {
    const t = await plane();
    const fleet = await startTestFleet(t, ['web-01', 'web-02'], {
      behave: (host, step) => (host === 'web-01' && step === 'install' ? 'hang' : 'ok'),
    });
    open.push(fleet);
    const planned = await planRollout(t.plane.ctx, {
      plan: testPlanInput(['web-01', 'web-02'], { canary: 0, batch: { kind: 'count', n: 2 }, maxErrors: 1 }),
    });
    // By hand: the wave under way, web-01 still installing, web-02 gone back on its own, its rollback answered.
    const running = await t.plane.store.update(planned.id, (r) =>
      recordHostStates({ ...r, state: 'running', wave: { index: 0, finished: false } }, [
        { host: 'web-01', state: 'installing' },
        { host: 'web-02', state: 'installing' },
        { host: 'web-02', state: 'rolling-back', dataKept: true },
      ]),
    );
    await enqueueHostJobs(t.plane.ctx, running, ['web-02'], 'rollback');
    const own = {
      hostId: 'web-02',
      jobId: hostJobId({ rolloutId: planned.id, hostId: 'web-02', attempt: 1 }, 'rollback'),
    };
    const deadline = Date.now() + 10_000;
    while (
      (await t.plane.ctx.hostJobs.statuses({ rolloutId: planned.id, step: 'rollback' }, [own]))[0]?.state !==
      'completed'
    ) {
      if (Date.now() > deadline) throw new Error("web-02's rollback did not complete");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // A person's rollback lands between the driver's read and its write.
    let raced = false;
    const ctx: ControlContext = {
      ...t.plane.ctx,
      store: {
        ...t.plane.store,
        update: async (id, change) => {
          if (!raced) {
            raced = true;
            await t.plane.store.update(id, (r) => enterRollback(r, 'rollback', BOB, new Date(), 'asked by U-BOB'));
          }
          return t.plane.store.update(id, change);
        },
      },
    };
    await driveRollout(ctx, planned.id, await t.plane.store.currentDriver(planned.id));
    expect(raced).toBe(true);
    const after = await t.plane.store.get(planned.id);
    expect(after?.state).toBe('rolling-back');
    expect(after?.hosts['web-02']).toMatchObject({ state: 'rolling-back', rollbackAttempt: 2, changed: true });
    expect(after?.hosts['web-02']).not.toHaveProperty('dataKept');
  });
});
