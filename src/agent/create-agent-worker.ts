import { UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { hostQueueName } from '../bullmq/host-queue-name.js';
import type { HostJobPayload } from '../jobs/job-payload.js';
import { describeJobRefusal } from '../jobs/describe-job-refusal.js';
import { verifyJob } from '../jobs/verify-job.js';
import { describePackageStoreError } from '../messages/package-store-error-text.js';
import { PackageStoreError } from '../package-store/package-store-error.js';
import { describeHostStepError } from '../messages/host-step-error-text.js';
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
  /**
   * DTEN_AGENT_LOCK_SECONDS: the job lock and the stalled check. After a kill -9, the restarted agent gets the job
   * back once the lock expires and a check runs, so within about two of these (BullMQ's default is 30).
   */
  lockSeconds?: number;
}

/**
 * The agent: one BullMQ Worker on this host's own queue, one job at a time. Every job's signature is checked
 * before anything runs; a refused job, a host refusal or a package the store refused (a digest mismatch) is final
 * (UnrecoverableError), anything else may retry.
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
      const refusal = describeRefusal(error);
      if (refusal === undefined) throw error;
      log.error({ jobId: job.id, job: hostJob.name }, `refused the job: ${refusal}`);
      throw new UnrecoverableError(refusal);
    }
  };
  const lockMs = (options.lockSeconds ?? 30) * 1000;
  return new Worker(hostQueueName(options.hostId), processor, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: 1,
    lockDuration: lockMs,
    stalledInterval: lockMs,
  });
}

/** The words of a final refusal; undefined for what may pass on a retry (a network error on the way to the store). */
function describeRefusal(error: unknown): string | undefined {
  if (error instanceof HostStepError) return describeHostStepError(error as HostStepError);
  if (error instanceof PackageStoreError && error.code !== 'http-error')
    return describePackageStoreError(error as PackageStoreError);
  return undefined;
}
