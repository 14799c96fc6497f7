import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { createRedisConnection } from '../../src/bullmq/create-redis-connection.js';
import { startControlPlane, type ControlPlane } from '../../src/bullmq/start-control-plane.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Logger } from '../../src/logger.js';
import { decideRollout } from '../../src/control/decide-rollout.js';
import type { ApprovalPolicy } from '../../src/core/rollout/approval-policy.js';
import { digestPlan } from '../../src/core/rollout/digest-plan.js';
import type { PlanInput } from '../../src/core/rollout/plan.js';
import type { Rollout } from '../../src/core/rollout/rollout.js';
import type { RolloutState } from '../../src/core/rollout/rollout-state.js';
import { startSimulatedFleet, type SimulatedFleet } from '../helpers/simulated-fleet.js';
import { deleteKeysUnder, freshPrefix, REDIS_URL } from '../bullmq/redis-test.js';

export const JOB_KEY = 'control-plane-test-key-0123456789abcdef';

export const POLICY: ApprovalPolicy = { users: ['U-ALICE', 'U-BOB'], groups: [], isMember: () => false };

/** The environment a test control plane runs with: its own prefix, fast polling, short locks. */
export function controlEnv(prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL,
    DTEN_QUEUE_PREFIX: prefix,
    DTEN_JOB_KEY: JOB_KEY,
    DTEN_POLL_MS: '50',
    DTEN_CONTROL_LOCK_SECONDS: '2',
    DTEN_HEARTBEAT_SECONDS: '1',
    LOG_LEVEL: 'silent',
    ...extra,
  };
}

/** Alice's plan of the 4.2.0 package for `targets`, its window open since a minute ago, batches of one host. */
export function testPlanInput(targets: string[], overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    packageDigest: createHash('sha256').update('Full-upgrade-package-dten 4.2.0').digest('hex'),
    packageVersion: '4.2.0',
    packageSource: { key: 'Full-upgrade-package-dten.zip' },
    targets,
    batch: { kind: 'count', n: 1 },
    window: { start: new Date(Date.now() - 60_000).toISOString(), durationMinutes: 60 },
    requester: 'U-ALICE',
    ...overrides,
  };
}

/** Bob, an approver, approves the rollout's plan as it stands. */
export function approveAsBob(t: TestPlane, rollout: Rollout) {
  return decideRollout(t.plane.ctx, {
    rolloutId: rollout.id,
    digest: digestPlan(rollout.plan),
    approver: 'U-BOB',
    verdict: 'approve',
    policy: POLICY,
  });
}

/** Simulated hosts answering the test plane's jobs and registered with it; `fleet` overrides the rest. */
export function startTestFleet(
  t: TestPlane,
  hosts: readonly string[],
  fleet: Partial<Parameters<typeof startSimulatedFleet>[0]> = {},
): Promise<SimulatedFleet> {
  return startSimulatedFleet({
    connection: t.connection,
    prefix: t.prefix,
    jobKey: JOB_KEY,
    hosts,
    registry: t.plane.hosts,
    ...fleet,
  });
}

export interface TestPlane {
  prefix: string;
  config: Config;
  plane: ControlPlane;
  /** A worker connection for simulated hosts. */
  connection: Redis;
  redis: Redis;
  waitFor(rolloutId: string, states: readonly RolloutState[], timeoutMs?: number): Promise<Rollout>;
  close(): Promise<void>;
}

export async function startTestPlane(
  extra: Record<string, string> = {},
  options: { drive?: boolean; log?: Logger } = {},
): Promise<TestPlane> {
  const prefix = freshPrefix();
  const config = loadConfig(controlEnv(prefix, extra));
  const plane = await startControlPlane(config, options.log ?? pino({ level: 'silent' }), options);
  const [connection, redis] = await Promise.all([
    createRedisConnection(config.redisUrl, 'worker'),
    createRedisConnection(config.redisUrl, 'producer'),
  ]);
  return {
    prefix,
    config,
    plane,
    connection,
    redis,
    async waitFor(rolloutId, states, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      let last: Rollout | undefined;
      while (Date.now() < deadline) {
        // A test that restarts Redis reads on while the producer connection finds it again.
        last = (await plane.store.get(rolloutId).catch(() => last)) ?? last;
        if (last && states.includes(last.state)) return last;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const trail = last?.audit.map((entry) => `${entry.event}→${entry.to}${entry.detail ? ` (${entry.detail})` : ''}`);
      throw new Error(
        `rollout ${rolloutId} is ${last?.state ?? 'missing'}, not ${states.join('|')}: ${trail?.join(', ')}`,
      );
    },
    async close() {
      await plane.close();
      await deleteKeysUnder(redis, prefix);
      await Promise.all([connection.quit(), redis.quit()]);
    },
  };
}
