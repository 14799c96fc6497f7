import { ErrorCode, Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RolloutStore } from '../control/rollout-store.js';
import { rolloutStepJobId, rolloutWakeJobId } from '../jobs/job-id.js';
import { batchStep, type RolloutWakeData } from '../jobs/rollout-wake-schema.js';
import { batchListKey } from './read-host-batches.js';

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
 * Runs a wake job (a batch of host jobs has finished): moves the rollout's current step job out of its delay now,
 * unless another batch asked for with it (its round) is still running: that one's wake comes later, and waking the
 * step job for each of a thousand-host step's ten batches would have it read them all ten times. The step job's poll still records
 * hosts as they finish meanwhile. A step job that is running may go back to sleep on what it read before the batch
 * ended, so the wake leaves word that the step job takes when it sleeps (`takeWakeAsked`), then looks again in case it
 * went to sleep meanwhile: either way one of them wakes it, with no polling.
 */
export async function wakeDriver(
  target: WakeTarget,
  wake: RolloutWakeData,
): Promise<{ woke: boolean; stepState: string }> {
  const { rolloutId } = wake;
  if (await otherBatchRunning(target, wake)) return { woke: false, stepState: 'another batch running' };
  const sequence = await target.store.currentDriver(rolloutId);
  const step = await Job.fromId(target.queue, rolloutStepJobId({ rolloutId, sequence }));
  if (!step) return { woke: false, stepState: 'missing' };
  // Asleep is the usual case: promote first, and ask for the state only when it was not delayed.
  if (await promote(step)) return { woke: true, stepState: 'delayed' };
  const stepState: string = await step.getState();
  if (stepState !== 'active') return { woke: false, stepState };
  await target.redis.set(wakeAskedKey(target.prefix, rolloutId), '1', 'PX', WAKE_ASKED_MS);
  if (await promote(step)) return { woke: true, stepState: 'delayed' };
  return { woke: false, stepState: await step.getState() };
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

// Whether another batch of the wake's round (same score in the step's batch list) still waits for host jobs.
// KEYS: the batch list, the control queue's waiting-children set. ARGV: the wake job's id.
const OTHER_BATCH_RUNNING = `
local round = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not round then return 0 end
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], round, round, 'BYSCORE')) do
  if id ~= ARGV[1] and redis.call('ZSCORE', KEYS[2], id) then return 1 end
end
return 0
`;

/**
 * Whether another batch asked for together with this one still waits for host jobs. Each batch's children finish in
 * BullMQ's own script, which moves its wake job out of the waiting-children set then and there, so the last batch of
 * a round to finish always finds none left and wakes the step job. A listed batch never added (or not yet) is not in
 * the set; nor is a batch of an earlier round, so a wave is not held up by an earlier wave's silent host.
 */
async function otherBatchRunning(target: WakeTarget, wake: RolloutWakeData): Promise<boolean> {
  const list = batchListKey(target.prefix, wake.rolloutId, batchStep(wake.batch));
  const running = await target.redis.eval(
    OTHER_BATCH_RUNNING,
    2,
    list,
    target.queue.keys['waiting-children']!,
    rolloutWakeJobId(wake),
  );
  return running === 1;
}
