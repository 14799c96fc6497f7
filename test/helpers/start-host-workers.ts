import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { hostQueueName } from '../../src/bullmq/host-queue-name.js';
import { isRedisUnreachable } from '../../src/redis/is-redis-unreachable.js';

export interface HostWorkers {
  workers: Worker[];
  /**
   * Graceful: waits for each Worker's loop, so the shared connection can be closed next. A forced close leaves a
   * loop that may still send `moveToActive` on it, and a closed connection rejects that with nobody listening.
   */
  close(): Promise<void>;
}

/**
 * One Worker per host on that host's own queue, one job at a time, as agents run. They share `connection`; BullMQ
 * still opens one blocking connection per Worker (it cannot be shared). Resolves once every Worker is connected.
 */
export async function startHostWorkers(options: {
  connection: Redis;
  prefix: string;
  hosts: readonly string[];
  run: (hostId: string, job: Job) => Promise<unknown>;
}): Promise<HostWorkers> {
  const workers = options.hosts.map(
    (hostId) =>
      new Worker(hostQueueName(hostId), (job) => options.run(hostId, job), {
        connection: options.connection,
        prefix: options.prefix,
        concurrency: 1,
      }),
  );
  // While Redis is away BullMQ reports every retry; anything else is worth seeing in the test's output.
  for (const worker of workers) worker.on('error', (error) => !isRedisUnreachable(error) && console.error(error));
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  return { workers, close: async () => void (await Promise.all(workers.map((worker) => worker.close()))) };
}
