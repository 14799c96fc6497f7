import type { HostProgress, HostState } from './host-state.js';
import type { Rollout } from './rollout.js';

const CHANGING: ReadonlySet<HostState> = new Set(['installing', 'installed', 'verifying', 'healthy']);

/** The rollout with one host's new state; a host that began installing needs a rollback until it had one. */
export function recordHostState(rollout: Rollout, host: string, state: HostState, reason?: string, at?: Date): Rollout {
  const before = Object.hasOwn(rollout.hosts, host) ? rollout.hosts[host] : undefined;
  if (!before) throw new RangeError(`${host} is not a target of rollout ${rollout.id}`);
  const after: HostProgress = { state, changed: state !== 'rolled-back' && (before.changed || CHANGING.has(state)) };
  if (reason !== undefined) after.reason = reason;
  if (at !== undefined) after.since = at.toISOString();
  return { ...rollout, hosts: { ...rollout.hosts, [host]: after } };
}
