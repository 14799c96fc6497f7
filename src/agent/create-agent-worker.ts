import { UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { hostQueueName } from '../bullmq/host-queue-name.js';
import type { HostJobPayload } from '../jobs/job-payload.js';
import { describeJobRefusal } from '../jobs/describe-job-refusal.js';
import { verifyJob } from '../jobs/verify-job.js';
import { describeHostStepError } from './host/describe-host-step-error.js';
import { HostStepError } from './host/host-step-error.js';
import { runHostJob } from './run-host-job.js';
import type { HostStepContext } from './steps/host-step-context.js';

export interface AgentWorkerOptions {
  hostId: string;
  /** A `worker` connection (maxRetriesPerRequest: null). */
  connection: Redis;
  prefix: string;
  jobKey: string;
  ctx: HostStepContext;
}

/**
 * The agent: one BullMQ Worker on this host's own queue, one job at a time. Every job's signature is checked
 * before anything runs; a refused job or a host refusal is final (UnrecoverableError), anything else may retry.
 */
export function createAgentWorker(options: AgentWorkerOptions): Worker {
  const log = options.ctx.log.child({ hostId: options.hostId });
  const processor = async (job: { id?: string; name: string; data: unknown }): Promise<unknown> => {
    const verified = verifyJob({ name: job.name, data: job.data }, { key: options.jobKey, hostId: options.hostId });
    if (!verified.ok) {
      const text = describeJobRefusal(verified.refusal, job.id);
      log.error({ jobId: job.id, refusal: verified.refusal.reason }, `refused a job: ${text}`);
      throw new UnrecoverableError(text);
    }
    const hostJob = verified.job as HostJobPayload;
    log.info({ jobId: job.id, job: hostJob.name, rolloutId: hostJob.data.rolloutId }, 'running job');
    try {
      return await runHostJob({ ...options.ctx, log }, hostJob);
    } catch (error) {
      if (error instanceof HostStepError) throw new UnrecoverableError(describeHostStepError(error as HostStepError));
      throw error;
    }
  };
  return new Worker(hostQueueName(options.hostId), processor, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: 1,
  });
}
