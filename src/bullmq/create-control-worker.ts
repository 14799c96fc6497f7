import { DelayedError, UnrecoverableError, Worker, type Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ControlContext } from '../control/control-context.js';
import { driveRollout } from '../control/drive-rollout.js';
import { digestPlan } from '../core/rollout/digest-plan.js';
import { describeJobRefusal } from '../jobs/describe-job-refusal.js';
import type { RolloutStepData } from '../jobs/rollout-step-schema.js';
import { verifyJob } from '../jobs/verify-job.js';
import { CONTROL_QUEUE } from './control-queue-name.js';
import { promote, takeWakeAsked, wakeDriver } from './wake-driver.js';

export interface ControlWorkerOptions {
  /** A `worker` connection (maxRetriesPerRequest: null). */
  connection: Redis;
  /** The control queue (on a producer connection), where a wake job finds the step job it wakes. */
  queue: Queue;
  /** That producer connection. */
  redis: Redis;
  prefix: string;
  jobKey: string;
  ctx: ControlContext;
  /** Rollouts driven at once by this process. */
  concurrency?: number;
  /** How soon a killed control plane's step job is taken over: its lock lapses, then a stalled check finds it. */
  lockMs?: number;
}

/**
 * Step jobs on the control queue: verify, drive the rollout as far as it goes, then either finish (a person
 * decides next) or move the same job to delayed until it should look again (BullMQ's step-job pattern). Wake jobs,
 * the parents of batches of host jobs, run when their batch has finished and cut that delay short.
 */
export function createControlWorker(options: ControlWorkerOptions): Worker {
  const { ctx } = options;
  const processor = async (job: Job, token?: string): Promise<unknown> => {
    const verified = verifyJob({ name: job.name, data: job.data }, { key: options.jobKey });
    if (verified.ok && verified.job.name === 'rollout-wake')
      return wakeDriver(
        { queue: options.queue, store: ctx.store, redis: options.redis, prefix: options.prefix },
        verified.job.data,
      );
    if (!verified.ok || verified.job.name !== 'rollout-step') {
      const text = verified.ok
        ? `Job ${job.name} does not belong on the control queue.`
        : describeJobRefusal(verified.refusal, job.id);
      ctx.log.error({ jobId: job.id }, `refused a control job: ${text}`);
      throw new UnrecoverableError(text);
    }
    const step: RolloutStepData = verified.job.data;
    const rollout = await ctx.store.get(step.rolloutId);
    if (rollout && digestPlan(rollout.plan) !== step.planDigest)
      throw new UnrecoverableError(`The step job for ${step.rolloutId} names another plan; it was not run.`);
    await takeWakeAsked(options.redis, options.prefix, step.rolloutId);
    const drive = await driveRollout(ctx, step.rolloutId, step.sequence);
    if (drive.next === 'wait') {
      await job.moveToDelayed(Date.now() + drive.ms, token);
      // A batch that ended after this run read its hosts left word: look again now rather than at the next poll.
      if (await takeWakeAsked(options.redis, options.prefix, step.rolloutId)) await promote(job);
      throw new DelayedError();
    }
    return { stopped: drive.next === 'stop' ? drive.why : 'done' };
  };
  const lockMs = options.lockMs ?? 30_000;
  return new Worker(CONTROL_QUEUE, processor, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency ?? 16,
    lockDuration: lockMs,
    stalledInterval: lockMs,
    // A step job is safe to run again (everything it knows is in the store): let it be taken over many times.
    maxStalledCount: 1000,
  });
}
