import type { AgentFacts } from '../jobs/agent-facts.js';
import { environmentLockedError } from './environment-locked-error.js';
import type { EnvironmentLocks } from './environment-locks.js';

/** Refuses when any target carries `env=<a locked environment>`: a freeze holds for plans and approvals. */
export async function checkEnvironmentLocks(locks: EnvironmentLocks, targets: readonly AgentFacts[]): Promise<void> {
  const held = await locks.list();
  if (held.length === 0) return;
  const envs = new Set(targets.map((host) => host.labels.env).filter((env) => env !== undefined));
  const lock = held.find((candidate) => envs.has(candidate.env));
  if (lock) throw environmentLockedError(lock);
}
