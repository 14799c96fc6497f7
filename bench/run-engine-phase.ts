import { createHash } from 'node:crypto';
import { pino } from 'pino';
import { createRedisConnection } from '../src/bullmq/create-redis-connection.js';
import { startControlPlane, type ControlPlane } from '../src/bullmq/start-control-plane.js';
import { loadConfig } from '../src/config.js';
import { decideRollout } from '../src/control/decide-rollout.js';
import { planRollout } from '../src/control/plan-rollout.js';
import type { RolloutStore } from '../src/control/rollout-store.js';
import { ACTIVE_STATES } from '../src/core/rollout/active-states.js';
import { digestPlan } from '../src/core/rollout/digest-plan.js';
import { planWaves } from '../src/core/rollout/plan-waves.js';
import type { Rollout } from '../src/core/rollout/rollout.js';
import type { RolloutState } from '../src/core/rollout/rollout-state.js';
import { deleteKeysUnder } from '../src/redis/delete-keys-under.js';
import { benchEnv } from './bench-env.js';
import { benchHostId } from './bench-host-id.js';
import { measureRedis, type RedisFootprint } from './measure-redis.js';
import { cpuBetween, measureCpu, type CpuTimes } from './measure-cpu.js';
import { startFleetProcesses, type FleetProcesses } from './start-fleet-processes.js';

export interface EngineResult {
  /** From plan to done, less the time the rollout waited for the bench to click Approve. */
  seconds: number;
  /** Per-host preflight, the waves, the cleanup: the parts of `seconds`. */
  phases: { preflight: number; waves: number; cleanup: number };
  /** The hosts of each wave, in order. */
  waves: string[][];
  /** Host jobs run per rollout (the warm-up and the measured one run the same). */
  jobs: number;
  /** CPU time of the measured rollout, approval wait included: this process is the control plane. */
  cpu: CpuTimes;
  /** Redis before and after the measured rollout (the warm-up's keys are in both). */
  before: RedisFootprint;
  after: RedisFootprint;
  /** This process (the control plane): RSS when the rollout was done, in bytes. */
  rss: number;
  fleetMaxRssKiB: number[];
}

const REQUESTER = 'U-BENCH-REQUESTER';
const APPROVER = 'U-BENCH-APPROVER';

/**
 * A no-op package rolled out to `hosts` simulated hosts through the real control plane: plan, per-host preflight,
 * approval, a canary of 1, batches of 10% with max errors 0, cleanup; measured on the second of two such rollouts on
 * the same control plane and fleet processes. Its keys are deleted afterwards.
 */
export async function runEnginePhase(options: {
  hosts: number;
  processes: number;
  pollMs: number;
}): Promise<EngineResult> {
  const env = benchEnv(options.pollMs);
  const config = loadConfig(env);
  const redis = await createRedisConnection(config.redisUrl, 'producer');
  const cleanup: Array<() => Promise<unknown>> = [() => redis.quit(), () => deleteKeysUnder(redis, config.queuePrefix)];
  try {
    const plane = await startControlPlane(config, pino({ level: 'silent' }));
    cleanup.push(() => plane.close());
    const fleet = await startFleetProcesses({ mode: 'agent', hosts: options.hosts, processes: options.processes, env });
    cleanup.push(() => fleet.close());

    // The control plane and agents are long-running processes: the measured rollout is the second on them.
    await rollOut(plane, fleet, options.hosts);
    const before = await measureRedis(redis, config.queuePrefix);
    const cpuBefore = await measureCpu(redis, fleet.pids);
    const { started, done } = await rollOut(plane, fleet, options.hosts);
    const cpu = cpuBetween(cpuBefore, await measureCpu(redis, fleet.pids));
    const rss = process.memoryUsage().rss;
    const after = await measureRedis(redis, config.queuePrefix);
    const fleetClosed = await fleet.close();

    const at = (matches: (entry: Rollout['audit'][number]) => boolean): number =>
      Date.parse(done.audit.find(matches)?.at ?? '');
    const awaiting = at((entry) => entry.to === 'awaiting-approval');
    const approved = at((entry) => entry.event === 'approve');
    const cleaning = at((entry) => entry.to === 'cleaning');
    const finished = at((entry) => entry.to === 'done');
    return {
      seconds: (finished - started - (approved - awaiting)) / 1000,
      phases: {
        preflight: (awaiting - started) / 1000,
        waves: (cleaning - approved) / 1000,
        cleanup: (finished - cleaning) / 1000,
      },
      waves: planWaves(done.plan),
      jobs: fleetClosed.jobs / 2,
      cpu,
      before,
      after,
      rss,
      fleetMaxRssKiB: fleetClosed.maxRssKiB,
    };
  } finally {
    for (const step of cleanup.reverse()) {
      await step().catch((error: unknown) => console.error(`cleaning up: ${(error as Error).message}`));
    }
  }
}

/** One rollout from plan to done: when it was planned, and the done rollout (its audit log has the rest). */
async function rollOut(
  plane: ControlPlane,
  fleet: FleetProcesses,
  hosts: number,
): Promise<{ started: number; done: Rollout }> {
  const started = Date.now();
  const rollout = await planRollout(plane.ctx, {
    plan: {
      packageDigest: createHash('sha256').update('bench no-op package').digest('hex'),
      packageVersion: '4.1.1',
      packageSource: { key: 'bench-noop.zip' },
      targets: Array.from({ length: hosts }, (_, i) => benchHostId(i)),
      canary: 1,
      batch: { kind: 'percent', p: 10 },
      maxErrors: 0,
      window: { start: new Date(started - 60_000).toISOString(), durationMinutes: 60 },
      requester: REQUESTER,
    },
  });
  await waitForState(plane.store, rollout.id, ['awaiting-approval'], fleet.lost);
  const { decision } = await decideRollout(plane.ctx, {
    rolloutId: rollout.id,
    digest: digestPlan(rollout.plan),
    approver: APPROVER,
    verdict: 'approve',
    policy: { users: [APPROVER], groups: [], isMember: () => false },
  });
  if (!decision.ok) throw new Error(`the bench's approval was refused: ${decision.reason}`);
  return { started, done: await waitForState(plane.store, rollout.id, ['done'], fleet.lost) };
}

/** Polls the store until the rollout is in one of `states`; any other end, a lost fleet or ten minutes is an error. */
async function waitForState(
  store: RolloutStore,
  id: string,
  states: readonly RolloutState[],
  lost: Promise<never>,
): Promise<Rollout> {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const rollout = await store.get(id);
    if (rollout && states.includes(rollout.state)) return rollout;
    // Over, or paused: nothing moves it on without a person.
    const ended = rollout && (!ACTIVE_STATES.has(rollout.state) || rollout.state === 'paused');
    if (ended || Date.now() > deadline) {
      const last = rollout?.audit.at(-1);
      throw new Error(
        `rollout ${id} is ${rollout?.state ?? 'missing'}, not ${states.join('|')} (${last?.event ?? '-'}: ${last?.detail ?? ''})`,
      );
    }
    await Promise.race([new Promise((resolve) => setTimeout(resolve, 100)), lost]);
  }
}
