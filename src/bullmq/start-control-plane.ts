import { FlowProducer, Queue, type Worker } from 'bullmq';
import type { Config } from '../config.js';
import type { ControlContext, MonitoringPort } from '../control/control-context.js';
import type { RolloutStore } from '../control/rollout-store.js';
import type { Logger } from '../logger.js';
import { createRedisRolloutStore } from '../redis/create-redis-rollout-store.js';
import { trackReadySince } from '../redis/track-ready-since.js';
import { logUnlessRedisAway } from '../redis/log-unless-redis-away.js';
import { CONTROL_QUEUE } from './control-queue-name.js';
import { createControlWorker } from './create-control-worker.js';
import { createDriverStarter } from './create-driver-starter.js';
import { createHostJobPort } from './create-host-job-port.js';
import { createHostQueueRegistry } from './create-host-queue-registry.js';
import { createRedisConnection } from './create-redis-connection.js';
import { leaveErrorsToConnection } from './leave-errors-to-connection.js';
import { createHostRegistry, type HostRegistry } from './host-registry.js';
import { ensureDrivers } from './ensure-drivers.js';

export interface ControlPlane {
  ctx: ControlContext;
  store: RolloutStore;
  hosts: HostRegistry;
  /** Absent with `drive: false`: a bot replica that only reads and commands. */
  worker: Worker | undefined;
  close(): Promise<void>;
}

/** Until a metrics system is wired in, the fleet was healthy when the window opened: every host passed preflight. */
const AGENT_HEALTH_ONLY: MonitoringPort = { baseline: () => Promise.resolve(0) };

/**
 * The control plane from configuration: the rollout store, the host queues, the control queue and (unless `drive`
 * is false) its worker, which also restarts any rollout left without a driver, at start and every minute.
 */
export async function startControlPlane(
  config: Config,
  log: Logger,
  options: { drive?: boolean; monitoring?: MonitoringPort; now?: () => Date } = {},
): Promise<ControlPlane> {
  if (!config.jobKey) throw new TypeError('the control plane needs DTEN_JOB_KEY to sign jobs');
  const jobKey = config.jobKey;
  const drive = options.drive ?? true;
  const [producer, workerConnection] = await Promise.all([
    createRedisConnection(config.redisUrl, 'producer', {}, log),
    drive ? createRedisConnection(config.redisUrl, 'worker', {}, log) : Promise.resolve(undefined),
  ]);
  const prefix = config.queuePrefix;
  const store = createRedisRolloutStore({
    redis: producer,
    prefix,
    subscriber: () => createRedisConnection(config.redisUrl, 'worker', {}, log),
  });
  const keepJobsSeconds = config.control.keepJobsDays * 86_400;
  const registry = createHostQueueRegistry({ connection: producer, prefix, keepJobsSeconds });
  const hosts = createHostRegistry({ redis: producer, prefix, heartbeatTtlMs: config.heartbeatSeconds * 3000 });
  const keep = { age: keepJobsSeconds };
  const queue = leaveErrorsToConnection(
    new Queue(CONTROL_QUEUE, {
      connection: producer,
      prefix,
      defaultJobOptions: {
        removeOnComplete: keep,
        removeOnFail: keep,
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
      },
    }),
  );
  const flows = leaveErrorsToConnection(new FlowProducer({ connection: producer, prefix }));
  const startDriver = createDriverStarter(queue, store, jobKey);
  const ctx: ControlContext = {
    store,
    hostJobs: createHostJobPort({ registry, flows, control: queue, redis: producer, jobKey, keepJobsSeconds }),
    async lastSeen(hostIds) {
      const facts = await Promise.all(hostIds.map((id) => hosts.getFacts(id)));
      return new Map(hostIds.map((id, i) => [id, facts[i] ? new Date(facts[i].seenAt) : undefined]));
    },
    watchingSince: trackReadySince(producer, options.now),
    monitoring: options.monitoring ?? AGENT_HEALTH_ONLY,
    startDriver,
    settings: {
      pollMs: config.control.pollMs,
      hostJobTimeoutMs: config.control.hostJobTimeoutSeconds * 1000,
      silenceMs: config.control.hostSilenceSeconds * 1000,
      waveEstimateSeconds: config.control.waveEstimateSeconds,
    },
    log,
    now: options.now ?? (() => new Date()),
  };
  let worker: Worker | undefined;
  let sweep: NodeJS.Timeout | undefined;
  if (workerConnection) {
    worker = createControlWorker({
      connection: workerConnection,
      queue,
      redis: producer,
      prefix,
      jobKey,
      ctx,
      lockMs: config.control.lockSeconds * 1000,
    });
    worker.on('error', logUnlessRedisAway(log, 'control worker error', {}, 'error'));
    worker.on('failed', (job, error) => log.error({ jobId: job?.id, err: error }, 'a rollout step failed'));
    const ensure = async (): Promise<void> => {
      const restarted = await ensureDrivers(queue, store, startDriver);
      if (restarted.length > 0) log.warn({ rollouts: restarted }, 'restarted rollout drivers');
    };
    await ensure();
    sweep = setInterval(() => void ensure().catch(logUnlessRedisAway(log, 'driver sweep failed')), 60_000);
    sweep.unref();
  }
  return {
    ctx,
    store,
    hosts,
    worker,
    async close() {
      clearInterval(sweep);
      await worker?.close();
      await Promise.all([queue.close(), flows.close(), registry.close()]);
      const quit = (redis: { quit(): Promise<unknown> } | undefined): Promise<unknown> =>
        redis ? redis.quit().catch(() => undefined) : Promise.resolve();
      await Promise.all([quit(producer), quit(workerConnection)]);
    },
  };
}
