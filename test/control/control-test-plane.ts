import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { createRedisConnection } from '../../src/bullmq/create-redis-connection.js';
import { startControlPlane, type ControlPlane } from '../../src/bullmq/start-control-plane.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { ApprovalPolicy } from '../../src/core/rollout/approval-policy.js';
import type { Rollout } from '../../src/core/rollout/rollout.js';
import type { RolloutState } from '../../src/core/rollout/rollout-state.js';
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
  options: { drive?: boolean } = {},
): Promise<TestPlane> {
  const prefix = freshPrefix();
  const config = loadConfig(controlEnv(prefix, extra));
  const plane = await startControlPlane(config, pino({ level: 'silent' }), options);
  const [connection, redis] = await Promise.all([
    createRedisConnection(REDIS_URL, 'worker'),
    createRedisConnection(REDIS_URL, 'producer'),
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
        last = await plane.store.get(rolloutId);
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
