import { Job, type FlowProducer, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { HostJobPort, HostJobStatus } from '../control/host-job-port.js';
import type { HostQueueRegistry } from './create-host-queue-registry.js';
import { enqueueHostBatch } from './enqueue-host-batch.js';
import { hostQueueName } from './host-queue-name.js';
import { batchListKey, readHostBatches } from './read-host-batches.js';

/**
 * The control plane's view of the host queues: signed, deduplicated batches below a wake job, and each job's
 * outcome read from the batches' wake jobs (a few reads per batch, not two per host); a job in no batch is looked
 * up on its own queue.
 */
export function createHostJobPort(options: {
  registry: HostQueueRegistry;
  flows: FlowProducer;
  /** The control queue, where the wake jobs are. */
  control: Queue;
  /** The producer connection the registry, the flows and the control queue share. */
  redis: Redis;
  jobKey: string;
  keepJobsSeconds: number;
}): HostJobPort {
  const { registry, control, redis } = options;
  return {
    enqueue: (jobs, batch) =>
      enqueueHostBatch(
        { registry, flows: options.flows, redis, key: options.jobKey, keepSeconds: options.keepJobsSeconds },
        jobs,
        batch,
      ),
    async statuses({ rolloutId, step }, jobs) {
      const childKey = (job: { hostId: string; jobId: string }): string =>
        `${registry.prefix}:${hostQueueName(job.hostId)}:${job.jobId}`;
      const fromBatches = await readHostBatches(
        redis,
        control,
        batchListKey(registry.prefix, rolloutId, step),
        jobs.map(childKey),
      );
      return Promise.all(jobs.map(async (job) => fromBatches.get(childKey(job)) ?? readOne(registry, job)));
    },
    async withdraw(jobs) {
      // BullMQ's remove leaves a job whose lock an agent holds (it answers 0), and would take a finished one too, whose
      // result the rollout may still read: only unfinished jobs are asked for.
      const held = await Promise.all(
        jobs.map(async (job) => {
          const queue = registry.queueFor(job.hostId);
          const state = await queue.getJobState(job.jobId);
          if (state === 'unknown' || state === 'completed' || state === 'failed') return false;
          return (await queue.remove(job.jobId)) === 0;
        }),
      );
      return jobs.filter((_, i) => held[i]);
    },
  };
}

async function readOne(registry: HostQueueRegistry, job: { hostId: string; jobId: string }): Promise<HostJobStatus> {
  const queue = registry.queueFor(job.hostId);
  const state = await queue.getJobState(job.jobId);
  if (state === 'unknown') return { state: 'missing' };
  if (state === 'completed' || state === 'failed') {
    const found = await Job.fromId(queue, job.jobId);
    if (!found) return { state: 'missing' };
    return state === 'completed'
      ? { state, result: found.returnvalue as unknown }
      : { state, reason: found.failedReason || 'the agent gave no reason' };
  }
  // waiting, active, delayed (a retry's backoff), prioritized: not finished, still the agent's to run.
  return { state: 'waiting' };
}
