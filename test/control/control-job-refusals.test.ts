import { Queue, type Job } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTROL_QUEUE } from '../../src/bullmq/control-queue-name.js';
import { planRollout } from '../../src/control/plan-rollout.js';
import { digestPlan } from '../../src/core/rollout/digest-plan.js';
import type { Rollout } from '../../src/core/rollout/rollout.js';
import { ROLLOUT_STEP } from '../../src/jobs/job-names.js';
import { signJob } from '../../src/jobs/sign-job.js';
import { JOB_KEY, startTestPlane, testPlanInput, type TestPlane } from './control-test-plane.js';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function setUp(): Promise<{ t: TestPlane; queue: Queue; rollout: Rollout }> {
  const t = await startTestPlane();
  open.push(t);
  const queue = new Queue(CONTROL_QUEUE, { connection: t.redis, prefix: t.prefix });
  open.push(queue);
  // No agent answers: the rollout stays in draft, its own step job waiting on the per-host preflight.
  const rollout = await planRollout(t.plane.ctx, { plan: testPlanInput(['web-01']) });
  return { t, queue, rollout };
}

/** Waits until the control worker failed the job, and returns why. */
async function failedReason(queue: Queue, job: Job): Promise<string> {
  for (;;) {
    if ((await queue.getJobState(job.id!)) === 'failed') return (await queue.getJob(job.id!))!.failedReason;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the control worker refuses a job it did not sign itself', () => {
  it('a step job signed with another key fails at once, says why, and leaves the rollout as it was', async () => {
    const { t, queue, rollout } = await setUp();
    const data = { rolloutId: rollout.id, planDigest: digestPlan(rollout.plan), sequence: 99 };
    const forged = signJob({ name: ROLLOUT_STEP, data }, 'a-key-that-is-not-this-installations-key');
    const job = await queue.add(forged.name, forged.data, { jobId: `forged-${rollout.id}` });
    const reason = await failedReason(queue, job);
    expect(reason).toContain('has a signature that does not match its contents, so it was not run');
    expect(reason).not.toContain('a-key-that-is-not');
    expect((await queue.getJob(job.id!))?.attemptsMade).toBe(1);
    expect((await t.plane.store.get(rollout.id))?.state).toBe('draft');
  });

  it('a step job whose plan digest is not the rollout plan is refused; a signed job of another kind does not belong', async () => {
    const { queue, rollout } = await setUp();
    const other = signJob(
      { name: ROLLOUT_STEP, data: { rolloutId: rollout.id, planDigest: 'f'.repeat(64), sequence: 98 } },
      JOB_KEY,
    );
    const stale = await queue.add(other.name, other.data, { jobId: `stale-${rollout.id}` });
    expect(await failedReason(queue, stale)).toBe(`The step job for ${rollout.id} names another plan; it was not run.`);

    const hostJob = signJob(
      {
        name: 'host-cleanup',
        data: {
          rolloutId: rollout.id,
          hostId: 'web-01',
          attempt: 1,
          planDigest: digestPlan(rollout.plan),
          package: { key: 'Full-upgrade-package-dten.zip', version: '4.2.0', sha256: rollout.plan.packageDigest },
        },
      },
      JOB_KEY,
    );
    const misplaced = await queue.add(hostJob.name, hostJob.data, { jobId: `misplaced-${rollout.id}` });
    expect(await failedReason(queue, misplaced)).toBe('Job host-cleanup does not belong on the control queue.');
  });
});
