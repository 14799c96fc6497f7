import { DelayedError, ErrorCode, Job, type Queue } from 'bullmq';
import type { RolloutStore } from '../control/rollout-store.js';
import { rolloutStepJobId } from '../jobs/job-id.js';

/** While the step job runs, a wake looks again this soon: that run may have read its hosts before the batch ended. */
const RETRY_WHILE_ACTIVE_MS = 20;

/**
 * Runs a wake job (a batch of host jobs has finished): moves the rollout's current step job out of its delay now.
 * A step job that is running is waited for, since it may go back to sleep on what it read before the batch ended;
 * one that is waiting or gone needs nothing.
 */
export async function wakeDriver(
  queue: Queue,
  store: Pick<RolloutStore, 'currentDriver'>,
  wake: { job: Job; token: string | undefined; rolloutId: string },
): Promise<{ woke: boolean; stepState: string }> {
  const sequence = await store.currentDriver(wake.rolloutId);
  const step = await Job.fromId(queue, rolloutStepJobId({ rolloutId: wake.rolloutId, sequence }));
  const stepState = step ? await step.getState() : 'missing';
  if (stepState === 'active') {
    await wake.job.moveToDelayed(Date.now() + RETRY_WHILE_ACTIVE_MS, wake.token);
    throw new DelayedError();
  }
  if (stepState !== 'delayed' || !step) return { woke: false, stepState };
  try {
    await step.promote();
  } catch (error) {
    // It left the delayed set between our look and the promote (its delay ran out): it is running or ran.
    if ((error as { code?: unknown }).code !== ErrorCode.JobNotInState) throw error;
    return { woke: false, stepState: 'no longer delayed' };
  }
  return { woke: true, stepState };
}
