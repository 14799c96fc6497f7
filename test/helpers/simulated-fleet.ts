import type { Redis } from 'ioredis';
import type { HostRegistry } from '../../src/bullmq/host-registry.js';
import { hostStepOf } from '../../src/jobs/job-names.js';
import type { HostJobPayload } from '../../src/jobs/job-payload.js';
import { verifyJob } from '../../src/jobs/verify-job.js';
import type { HostStep } from '../../src/jobs/job-names.js';
import { startHostWorkers } from './start-host-workers.js';

/** What every simulated host's preflight notes without failing, as an agent without probes does. */
export const UNPROBED_NOTE = 'postgresql >=13 <17: not checked, no probe reads its version here (DTEN_PROBES)';

/**
 * What a simulated host does with one step: answer as a real agent would, fail, report an unhealthy release, or a
 * healthy one whose error rate is up (half its requests failing); for a rollback, `superseded` answers that a later
 * rollout (`r-later`) changed the host since.
 */
export type SimulatedOutcome = 'ok' | 'unhealthy' | 'degraded' | 'fail' | 'hang' | 'superseded';

export interface SimulatedFleet {
  /** Every job each host ran, in order, as `step` names. */
  ran: Map<string, HostStep[]>;
  /** Reports every host's facts now, as an agent's heartbeat does (with `registry`; otherwise nothing). */
  beat(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Hosts as BullMQ sees them: a Worker on each host's own queue that verifies the job like the agent does and
 * answers with results shaped like the agent's, without touching any files. For control-plane tests and the bench.
 */
export async function startSimulatedFleet(options: {
  connection: Redis;
  prefix: string;
  jobKey: string;
  hosts: readonly string[];
  registry?: HostRegistry;
  behave?: (hostId: string, step: HostStep) => SimulatedOutcome;
  /** Pretend work takes this long (default 0), or as long as the function says for that host and step. */
  workMs?: number | ((hostId: string, step: HostStep) => number);
  /** With `registry`: report the hosts' facts again this often, as agents heartbeat (default: once, at start). */
  heartbeatMs?: number;
}): Promise<SimulatedFleet> {
  const ran = new Map<string, HostStep[]>();
  const shutDown = new AbortController();
  const workers = await startHostWorkers({
    connection: options.connection,
    prefix: options.prefix,
    hosts: options.hosts,
    async run(hostId, job) {
      const verified = verifyJob(job, { key: options.jobKey, hostId });
      if (!verified.ok) throw new Error(`refused: ${verified.refusal.reason}`);
      const hostJob = verified.job as HostJobPayload;
      const step = hostStepOf(hostJob.name);
      ran.set(hostId, [...(ran.get(hostId) ?? []), step]);
      const workMs = typeof options.workMs === 'function' ? options.workMs(hostId, step) : options.workMs;
      if (workMs) await new Promise((resolve) => setTimeout(resolve, workMs));
      const outcome = options.behave?.(hostId, step) ?? 'ok';
      if (outcome === 'hang') {
        await new Promise((resolve) => shutDown.signal.addEventListener('abort', resolve, { once: true }));
        throw new Error(`${step} on ${hostId}: the simulated host shut down`);
      }
      if (outcome === 'fail') throw new Error(`${step} failed on ${hostId}: simulated`);
      return answer(step, hostJob.data.package.version, outcome);
    },
  });
  const registry = options.registry;
  const register = async (): Promise<void> => {
    if (!registry) return;
    const seenAt = new Date().toISOString();
    await Promise.all(
      options.hosts.map((hostId) =>
        registry.register({
          hostId,
          labels: { role: 'web' },
          components: { dten: '4.1.0' },
          units: ['dten.service'],
          scheduledTasks: [],
          configKeys: [],
          freeDiskBytes: 10 * 1024 ** 3,
          agentVersion: 'simulated',
          seenAt,
        }),
      ),
    );
  };
  if (registry) await register();
  // As agents do: a beat that cannot reach Redis is dropped, the next one tries again.
  const beats =
    registry && options.heartbeatMs
      ? setInterval(() => void register().catch(() => undefined), options.heartbeatMs)
      : undefined;
  return {
    ran,
    beat: register,
    async close() {
      clearInterval(beats);
      // Hanging jobs end first, or the graceful close would wait for them for ever.
      shutDown.abort();
      await workers.close();
    },
  };
}

function answer(step: HostStep, version: string, outcome: 'ok' | 'unhealthy' | 'degraded' | 'superseded'): unknown {
  if (outcome === 'superseded' && step === 'rollback')
    return { restoredVersion: null, rolledBackMigrations: [], supersededBy: 'r-later' };
  const healthy = outcome !== 'unhealthy';
  const health = {
    healthy,
    detail: healthy ? 'HTTP 200 from /health' : 'HTTP 503 from /health for 5s',
    errorRate: { ok: 0, superseded: 0, degraded: 0.5, unhealthy: 0.4 }[outcome],
    checkedAt: new Date().toISOString(),
  };
  switch (step) {
    case 'preflight':
      return [
        { check: 'version', ok: true, blocking: true, detail: 'runs 4.1.0; the package upgrades from >=4.1.0 <4.2.0' },
        { check: 'dependencies', ok: false, blocking: false, detail: UNPROBED_NOTE },
      ];
    case 'install':
      return { version, previousVersion: '4.1.0', pausedSchedules: 1, appliedMigrations: [], health };
    case 'rollback':
      return { restoredVersion: '4.1.0', rolledBackMigrations: [], health };
    case 'cleanup':
      return [{ kind: 'schedule', name: 'dten-reindex', outcome: 'done', detail: 'restored (cron file)' }];
  }
}
