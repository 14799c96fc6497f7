import { Job } from 'bullmq';
import type { HostJobPort, HostJobStatus } from '../control/host-job-port.js';
import type { HostQueueRegistry } from './create-host-queue-registry.js';
import { enqueueHostJob } from './enqueue-host-job.js';

/** The control plane's view of the host queues: signed, deduplicated adds and the outcome of each job. */
export function createHostJobPort(registry: HostQueueRegistry, jobKey: string): HostJobPort {
  return {
    enqueue: async (job) => void (await enqueueHostJob(registry, job, jobKey)),
    async status(hostId, jobId): Promise<HostJobStatus> {
      const queue = registry.queueFor(hostId);
      const state = await queue.getJobState(jobId);
      if (state === 'unknown') return { state: 'missing' };
      if (state === 'completed' || state === 'failed') {
        const job = await Job.fromId(queue, jobId);
        if (!job) return { state: 'missing' };
        return state === 'completed'
          ? { state, result: job.returnvalue as unknown }
          : { state, reason: job.failedReason || 'the agent gave no reason' };
      }
      // delayed (a retry's backoff), prioritized, waiting-children: not finished, still the agent's to run.
      return { state: state === 'active' ? 'active' : 'waiting' };
    },
  };
}
