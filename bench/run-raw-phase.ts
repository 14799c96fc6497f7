import { createRedisConnection } from '../src/bullmq/create-redis-connection.js';
import { createHostQueueRegistry } from '../src/bullmq/create-host-queue-registry.js';
import { loadConfig } from '../src/config.js';
import { deleteKeysUnder } from '../src/redis/delete-keys-under.js';
import { benchEnv } from './bench-env.js';
import { benchHostId } from './bench-host-id.js';
import { cpuBetween, measureCpu, type CpuTimes } from './measure-cpu.js';
import { startFleetProcesses, type FleetProcesses } from './start-fleet-processes.js';

export interface RawResult {
  seconds: number;
  /** With `phases`: the seconds each phase took. */
  phaseSeconds: number[];
  cpu: CpuTimes;
}

/**
 * The baselines: no-op jobs on the hosts' queues (the same queues, job options and fleet processes as the rollout,
 * no control plane), in seconds until the Workers have completed them all. Without `phases`, `jobsPerHost` jobs on
 * every host are added at once. With `phases` (lists of host indexes), one job per host of a phase is added, and
 * the next phase starts when they have all completed: the rollout's own order, run as raw as BullMQ allows. Like
 * the rollout, it is measured warm: the same jobs all at once go through the same processes first, untimed.
 */
export async function runRawPhase(options: {
  hosts: number;
  processes: number;
  jobsPerHost: number;
  phases?: readonly (readonly number[])[];
}): Promise<RawResult> {
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
    fleet = await startFleetProcesses({ mode: 'noop', hosts: options.hosts, processes: options.processes, env });
    const running = fleet;
    // One add per job, as the control plane adds them; the fleet is told of them first, so none is missed.
    const run = async (hostIndexes: readonly number[], round: string): Promise<void> => {
      const drained = running.drained(hostIndexes);
      await Promise.all(hostIndexes.map((i) => registry.queueFor(benchHostId(i)).add('noop', { round })));
      await drained;
    };
    const allAtOnce = Array.from({ length: options.jobsPerHost }, () => hostIndexes(options.hosts)).flat();
    await run(allAtOnce, 'warm-up');
    const cpuBefore = await measureCpu(producer, fleet.pids);
    const started = Date.now();
    const phaseSeconds: number[] = [];
    if (!options.phases) await run(allAtOnce, 'measured');
    else
      for (const [round, phase] of options.phases.entries()) {
        const phaseStarted = Date.now();
        await run(phase, `phase ${round}`);
        phaseSeconds.push((Date.now() - phaseStarted) / 1000);
      }
    const seconds = (Date.now() - started) / 1000;
    return { seconds, phaseSeconds, cpu: cpuBetween(cpuBefore, await measureCpu(producer, fleet.pids)) };
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
