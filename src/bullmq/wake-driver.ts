import { ErrorCode, Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RolloutStore } from '../control/rollout-store.js';
import { rolloutStepJobId } from '../jobs/job-id.js';

/** Where a wake that found the step job running leaves word: `<prefix>:rollout:<id>:wake-asked`. */
export function wakeAskedKey(prefix: string, rolloutId: string): string {
  return `${prefix}:rollout:${rolloutId}:wake-asked`;
}

/** How long word of a wake is kept for a step job that never goes back to sleep (it finished instead). */
const WAKE_ASKED_MS = 60_000;

export interface WakeTarget {
  queue: Queue;
  store: Pick<RolloutStore, 'currentDriver'>;
  /** A producer connection. */
  redis: Redis;
  prefix: string;
}

/**
 * Runs a wake job (a batch of host jobs has finished): moves the rollout's current step job out of its delay now.
 * A step job that is running may go back to sleep on what it read before the batch ended, so the wake leaves word
 * that the step job takes when it sleeps (`takeWakeAsked`), then looks again in case it went to sleep meanwhile:
 * either way one of them wakes it, with no polling.
 */
export async function wakeDriver(target: WakeTarget, rolloutId: string): Promise<{ woke: boolean; stepState: string }> {
  const sequence = await target.store.currentDriver(rolloutId);
  const step = await Job.fromId(target.queue, rolloutStepJobId({ rolloutId, sequence }));
  if (!step) return { woke: false, stepState: 'missing' };
  let stepState: string = await step.getState();
  if (stepState === 'active') {
    await target.redis.set(wakeAskedKey(target.prefix, rolloutId), '1', 'PX', WAKE_ASKED_MS);
    stepState = await step.getState();
  }
  if (stepState !== 'delayed') return { woke: false, stepState };
  return { woke: await promote(step), stepState };
}

/**
 * The step job's side: true (and the word is gone) when a wake came while it ran. Called as it starts (a wake before
 * its reads is stale) and right after it moved itself to delayed (then it promotes itself).
 */
export async function takeWakeAsked(redis: Redis, prefix: string, rolloutId: string): Promise<boolean> {
  return (await redis.getdel(wakeAskedKey(prefix, rolloutId))) !== null;
}

/** Moves a delayed job to waiting; false when it had already left the delayed set (its delay ran out). */
export async function promote(job: Job): Promise<boolean> {
  try {
    await job.promote();
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code !== ErrorCode.JobNotInState) throw error;
    return false;
  }
}
