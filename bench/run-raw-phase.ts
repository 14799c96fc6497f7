import { createRedisConnection } from '../src/bullmq/create-redis-connection.js';
import { createHostQueueRegistry } from '../src/bullmq/create-host-queue-registry.js';
import { loadConfig } from '../src/config.js';
import { deleteKeysUnder } from '../src/redis/delete-keys-under.js';
import { benchEnv } from './bench-env.js';
import { benchHostId } from './bench-host-id.js';
import { startFleetProcesses, type FleetProcesses } from './start-fleet-processes.js';

/**
 * The baselines: no-op jobs on the hosts' queues (the same queues, job options and fleet processes as the rollout,
 * no control plane), in seconds until the Workers have completed them all. Without `phases`, `jobsPerHost` jobs on
 * every host are added at once. With `phases` (lists of host indexes), one job per host of a phase is added, and
 * the next phase starts when they have all completed: the rollout's own order, run as raw as BullMQ allows.
 */
export async function runRawPhase(options: {
  hosts: number;
  processes: number;
  jobsPerHost: number;
  phases?: readonly (readonly number[])[];
}): Promise<number> {
  const env = benchEnv(10);
  const config = loadConfig(env);
  const producer = await createRedisConnection(config.redisUrl, 'producer');
  const registry = createHostQueueRegistry({
    connection: producer,
    prefix: config.queuePrefix,
    keepJobsSeconds: config.control.keepJobsDays * 86_400,
  });
  let completed = 0;
  let reached: { count: number; resolve: () => void } | undefined;
  const onCompleted = (): void => {
    completed += 1;
    if (reached && completed >= reached.count) reached.resolve();
  };
  let fleet: FleetProcesses | undefined;
  try {
    fleet = await startFleetProcesses({ mode: 'noop', ...options, env, ...(options.phases && { onCompleted }) });
    const started = Date.now();
    // One add per job, as the control plane adds them.
    const add = (hostIndexes: readonly number[], round: number): Promise<unknown> =>
      Promise.all(hostIndexes.map((i) => registry.queueFor(benchHostId(i)).add('noop', { round })));
    if (!options.phases) {
      await Promise.all(
        Array.from({ length: options.jobsPerHost }, (_, round) => add(hostIndexes(options.hosts), round)),
      );
      await fleet.drained;
    } else {
      let expected = 0;
      for (const [round, phase] of options.phases.entries()) {
        expected += phase.length;
        const done = new Promise<void>((resolve) => (reached = { count: expected, resolve }));
        await add(phase, round);
        if (completed < expected) await Promise.race([done, fleet.lost]);
      }
    }
    return (Date.now() - started) / 1000;
  } finally {
    await fleet?.close().catch((error: unknown) => console.error(`cleaning up: ${(error as Error).message}`));
    await registry.close();
    await deleteKeysUnder(producer, config.queuePrefix);
    await producer.quit();
  }
}

function hostIndexes(hosts: number): number[] {
  return Array.from({ length: hosts }, (_, i) => i);
}
