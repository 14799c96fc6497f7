import { createRedisConnection } from '../src/bullmq/create-redis-connection.js';
import { createHostQueueRegistry } from '../src/bullmq/create-host-queue-registry.js';
import { loadConfig } from '../src/config.js';
import { deleteKeysUnder } from '../src/redis/delete-keys-under.js';
import { benchEnv } from './bench-env.js';
import { benchHostId } from './bench-host-id.js';
import { startFleetProcesses, type FleetProcesses } from './start-fleet-processes.js';

/**
 * The baseline: `jobsPerHost` no-op jobs on every host's queue (the same queues, job options and fleet processes
 * as the rollout, no control plane), all added at once; seconds until the Workers have completed them all.
 */
export async function runRawPhase(options: { hosts: number; processes: number; jobsPerHost: number }): Promise<number> {
  const env = benchEnv(10);
  const config = loadConfig(env);
  const producer = await createRedisConnection(config.redisUrl, 'producer');
  const registry = createHostQueueRegistry({
    connection: producer,
    prefix: config.queuePrefix,
    keepJobsSeconds: config.control.keepJobsDays * 86_400,
  });
  let fleet: FleetProcesses | undefined;
  try {
    fleet = await startFleetProcesses({ mode: 'noop', ...options, env });
    const started = Date.now();
    // One add per job, as the control plane adds them.
    await Promise.all(
      Array.from({ length: options.hosts * options.jobsPerHost }, (_, n) =>
        registry.queueFor(benchHostId(n % options.hosts)).add('noop', { n }),
      ),
    );
    await fleet.drained;
    return (Date.now() - started) / 1000;
  } finally {
    await fleet?.close().catch((error: unknown) => console.error(`cleaning up: ${(error as Error).message}`));
    await registry.close();
    await deleteKeysUnder(producer, config.queuePrefix);
    await producer.quit();
  }
}
