import { ErrorCode, type FlowProducer } from 'bullmq';
import type { Redis } from 'ioredis';
import { hostJobId, rolloutWakeJobId } from '../jobs/job-id.js';
import { hostStepOf, ROLLOUT_WAKE } from '../jobs/job-names.js';
import type { HostJobPayload } from '../jobs/job-payload.js';
import { batchStep, type RolloutWakeData } from '../jobs/rollout-wake-schema.js';
import { signJob } from '../jobs/sign-job.js';
import { CONTROL_QUEUE } from './control-queue-name.js';
import type { HostQueueRegistry } from './create-host-queue-registry.js';
import { enqueueHostJob } from './enqueue-host-job.js';
import { hostQueueName } from './host-queue-name.js';
import { batchListKey } from './read-host-batches.js';

export interface HostBatchTarget {
  registry: HostQueueRegistry;
  /** Shares the registry's producer connection and prefix. */
  flows: FlowProducer;
  /** That producer connection. */
  redis: Redis;
  key: string;
  /** How long the batch stays listed for its rollout: as long as its jobs are kept. */
  keepSeconds: number;
}

/**
 * Signs the host jobs and adds them, atomically, as the children of a signed wake job on the control queue (a BullMQ
 * flow): BullMQ moves the wake job to waiting when the last child finishes, failed ones included
 * (`ignoreDependencyOnFailure`), and the control worker then wakes the rollout's step job. A job id that exists is
 * not added twice: BullMQ attaches it to the wake job, and counts it as done if it already finished.
 */
export async function enqueueHostBatch(
  target: HostBatchTarget,
  jobs: readonly HostJobPayload[],
  { round, ...batch }: RolloutWakeData & { round: number },
): Promise<void> {
  const { registry, key } = target;
  const wake = signJob({ name: ROLLOUT_WAKE, data: batch }, key);
  const wakeId = rolloutWakeJobId(batch);
  // Listed first, so every batch that exists is found; a listed batch that was never added is skipped. The score is
  // the round, which the batches asked for together share (wakeDriver waits for all of them).
  // Found from the batch's name, as the wake job finds it (wakeDriver).
  const list = batchListKey(registry.prefix, batch.rolloutId, batchStep(batch.batch));
  await target.redis.multi().zadd(list, 'NX', round, wakeId).expire(list, target.keepSeconds).exec();
  const children = jobs.map((job) => {
    const signed = signJob(job, key);
    return {
      name: signed.name,
      queueName: hostQueueName(job.data.hostId),
      data: signed.data,
      opts: {
        ...registry.jobOptions,
        jobId: hostJobId(job.data, hostStepOf(job.name)),
        ignoreDependencyOnFailure: true,
      },
    };
  });
  try {
    await target.flows.add({
      name: wake.name,
      queueName: CONTROL_QUEUE,
      data: wake.data,
      opts: { ...registry.jobOptions, jobId: wakeId },
      children,
    });
  } catch (error) {
    // A host job that is already the child of another live wake job cannot join this one: add the jobs on their own;
    // the step job's poll sees them finish.
    if ((error as { code?: unknown }).code !== ErrorCode.ParentJobCannotBeReplaced) throw error;
    await Promise.all(jobs.map((job) => enqueueHostJob(registry, job, key)));
  }
}
