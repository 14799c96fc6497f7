import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { hostQueueName } from './host-queue-name.js';
import { leaveErrorsToConnection } from './leave-errors-to-connection.js';

export interface HostQueueRegistryOptions {
  /** A `producer` connection; every Queue shares it, and closing the registry leaves it open. */
  connection: Redis;
  /** BullMQ's key prefix for every queue (and the host registry): several installations can share one Redis. */
  prefix: string;
  /** How long finished jobs stay, so their ids keep deduplicating: at least the life of a rollout. */
  keepJobsSeconds: number;
  /** Tries per job for errors that may pass (a refusal is final: the worker throws UnrecoverableError). */
  attempts?: number;
}

export interface HostQueueRegistry {
  readonly prefix: string;
  /** Every host queue's default job options; a flow's children need them spelt out. */
  readonly jobOptions: JobsOptions;
  /** The host's queue, created on first use and shared after that. */
  queueFor(hostId: string): Queue;
  queues(): Queue[];
  /** Closes the queues, not the connection they share. */
  close(): Promise<void>;
}

export function createHostQueueRegistry(options: HostQueueRegistryOptions): HostQueueRegistry {
  const { connection, prefix, keepJobsSeconds } = options;
  if (prefix === '') throw new TypeError('the BullMQ prefix is empty');
  const keep = { age: keepJobsSeconds };
  const jobOptions: JobsOptions = {
    removeOnComplete: keep,
    removeOnFail: keep,
    attempts: options.attempts ?? 3,
    backoff: { type: 'exponential', delay: 1_000 },
  };
  const created = new Map<string, Queue>();
  return {
    prefix,
    jobOptions,
    queueFor(hostId) {
      const name = hostQueueName(hostId);
      let queue = created.get(name);
      if (queue === undefined) {
        queue = leaveErrorsToConnection(new Queue(name, { connection, prefix, defaultJobOptions: jobOptions }));
        created.set(name, queue);
      }
      return queue;
    },
    queues: () => [...created.values()],
    async close() {
      const queues = [...created.values()];
      created.clear();
      await Promise.all(queues.map((queue) => queue.close()));
    },
  };
}
