import type { JobState } from 'bullmq';
import { hostJobId } from '../jobs/job-id.js';
import { hostStepOf } from '../jobs/job-names.js';
import type { HostJobPayload } from '../jobs/job-payload.js';
import { signJob } from '../jobs/sign-job.js';
import type { HostQueueRegistry } from './create-host-queue-registry.js';

export interface EnqueuedHostJob {
  id: string;
  queue: string;
  /** False when a job with this id already existed: nothing was added. */
  added: boolean;
  /** The state of the job that was already there, when one was. */
  existingState?: JobState;
}

/** Signs the job and adds it to its host's queue under its deterministic id, unless that id exists in any state. */
export async function enqueueHostJob(
  registry: HostQueueRegistry,
  job: HostJobPayload,
  key: string,
  options: { delayMs?: number } = {},
): Promise<EnqueuedHostJob> {
  const queue = registry.queueFor(job.data.hostId);
  const id = hostJobId(job.data, hostStepOf(job.name));
  const state = await queue.getJobState(id);
  if (state !== 'unknown') return { id, queue: queue.name, added: false, existingState: state };
  const signed = signJob(job, key);
  // Two producers racing past the check still add one job: BullMQ ignores an add whose id exists.
  await queue.add(signed.name, signed.data, {
    jobId: id,
    ...(options.delayMs !== undefined && { delay: options.delayMs }),
  });
  return { id, queue: queue.name, added: true };
}
