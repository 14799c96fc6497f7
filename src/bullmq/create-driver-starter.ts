import type { Queue } from 'bullmq';
import type { RolloutStore } from '../control/rollout-store.js';
import { digestPlan } from '../core/rollout/digest-plan.js';
import { rolloutStepJobId } from '../jobs/job-id.js';
import { ROLLOUT_STEP } from '../jobs/job-names.js';
import { signJob } from '../jobs/sign-job.js';

/** `startDriver` for the control context: a new driver sequence, then its signed step job on the control queue. */
export function createDriverStarter(queue: Queue, store: RolloutStore, jobKey: string) {
  return async (rolloutId: string): Promise<void> => {
    const rollout = await store.get(rolloutId);
    if (!rollout) throw new RangeError(`no rollout ${rolloutId}`);
    const sequence = await store.nextDriver(rolloutId);
    const data = { rolloutId, planDigest: digestPlan(rollout.plan), sequence };
    const signed = signJob({ name: ROLLOUT_STEP, data }, jobKey);
    await queue.add(signed.name, signed.data, { jobId: rolloutStepJobId(data) });
  };
}
