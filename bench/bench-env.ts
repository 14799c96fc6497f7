import { randomUUID } from 'node:crypto';

/**
 * The environment one bench run gives its control plane and fleet processes: a prefix of its own, a fast poll,
 * and heartbeats that outlast the run (the simulated hosts register once).
 */
export function benchEnv(pollMs: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DTEN_QUEUE_PREFIX: `dten-bench-${randomUUID().slice(0, 12)}`,
    DTEN_JOB_KEY: randomUUID() + randomUUID(),
    DTEN_POLL_MS: String(pollMs),
    DTEN_HEARTBEAT_SECONDS: '3600',
    DTEN_HOST_SILENCE_SECONDS: '3600',
    LOG_LEVEL: 'silent',
  };
}
