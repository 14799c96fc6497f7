import { QueueEvents, UnrecoverableError, Worker, type Job } from 'bullmq';
import { createRedisConnection } from '../../src/bullmq/create-redis-connection.js';
import { hostQueueName } from '../../src/bullmq/host-queue-name.js';
import { describeJobRefusal } from '../../src/jobs/describe-job-refusal.js';
import { verifyJob } from '../../src/jobs/verify-job.js';
import { REDIS_URL } from './redis-test.js';

/**
 * The agent's side: a Worker on the host's own queue that runs only jobs it can verify, as `dten agent` does, and
 * answers `{ ran: <job name> }`; `refuse` makes it fail every job for good, as a refused job fails. Returns the
 * queue's events (to wait for a job) and adds what to close to `closers`.
 */
export async function startTestAgent(options: {
  hostId: string;
  prefix: string;
  key: string;
  closers: Array<() => Promise<unknown>>;
  refuse?: boolean;
}): Promise<QueueEvents> {
  const { hostId, prefix, key } = options;
  const connection = await createRedisConnection(REDIS_URL, 'worker');
  const worker = new Worker(
    hostQueueName(hostId),
    (job: Job) => {
      const verified = verifyJob(job, { key, hostId });
      if (!verified.ok) throw new UnrecoverableError(describeJobRefusal(verified.refusal, job.id));
      if (options.refuse) throw new UnrecoverableError('refused by the test');
      return Promise.resolve({ ran: verified.job.name });
    },
    { connection, prefix },
  );
  const events = new QueueEvents(hostQueueName(hostId), { connection: { url: REDIS_URL }, prefix });
  await Promise.all([worker.waitUntilReady(), events.waitUntilReady()]);
  options.closers.push(
    () => connection.quit(),
    () => worker.close(),
    () => events.close(),
  );
  return events;
}
