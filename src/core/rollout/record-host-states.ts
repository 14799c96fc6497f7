import type { HostProgress, HostState } from './host-state.js';
import type { Rollout } from './rollout.js';

const CHANGING: ReadonlySet<HostState> = new Set(['installing', 'installed', 'verifying', 'healthy']);

export interface HostStateChange {
  host: string;
  state: HostState;
  reason?: string;
  /** Kept from the host's earlier state when not given. */
  rollbackAttempt?: number;
}

/**
 * The rollout with many hosts' new states, applied in order as `recordHostState` would one by one, in one copy of
 * the hosts map; a host that began installing needs a rollback until it had one.
 */
export function recordHostStates(rollout: Rollout, changes: readonly HostStateChange[], at?: Date): Rollout {
  if (changes.length === 0) return rollout;
  const hosts = { ...rollout.hosts };
  const since = at?.toISOString();
  for (const { host, state, reason, rollbackAttempt } of changes) {
    const before = Object.hasOwn(hosts, host) ? hosts[host] : undefined;
    if (!before) throw new RangeError(`${host} is not a target of rollout ${rollout.id}`);
    const after: HostProgress = { state, changed: state !== 'rolled-back' && (before.changed || CHANGING.has(state)) };
    if (reason !== undefined) after.reason = reason;
    if (since !== undefined) after.since = since;
    const attempt = rollbackAttempt ?? before.rollbackAttempt;
    if (attempt !== undefined) after.rollbackAttempt = attempt;
    hosts[host] = after;
  }
  return { ...rollout, hosts };
}
