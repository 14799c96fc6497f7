import { CHANGING_STATES, FAILED_STATES, type HostProgress, type HostState } from './host-state.js';
import type { Rollout } from './rollout.js';

/** States that leave nothing of the rollout on the host: rolled back, or skipped (never touched, or a later rollout's). */
const UNCHANGED: ReadonlySet<HostState> = new Set(['rolled-back', 'skipped']);

export interface HostStateChange {
  host: string;
  state: HostState;
  reason?: string;
  /** Kept from the host's earlier state when not given. */
  rollbackAttempt?: number;
  /** Kept from the host's earlier state when not given; false clears it. */
  dataKept?: boolean;
  /** Whether the host holds something of the rollout to undo, when the state alone does not say (its data). */
  changed?: boolean;
}

/**
 * The rollout with many hosts' new states, applied in order as `recordHostState` would one by one, in one copy of
 * the hosts map; a host that began installing needs a rollback until it had one. A host that fails or goes
 * unreachable on its way to the new version keeps that first reason as `failedWith` through its later states (its
 * rollback's, failed or not); a failed preflight or rollback sets none.
 */
export function recordHostStates(rollout: Rollout, changes: readonly HostStateChange[], at?: Date): Rollout {
  if (changes.length === 0) return rollout;
  const hosts = { ...rollout.hosts };
  const since = at?.toISOString();
  for (const { host, state, reason, rollbackAttempt, dataKept, changed } of changes) {
    const before = Object.hasOwn(hosts, host) ? hosts[host] : undefined;
    if (!before) throw new RangeError(`${host} is not a target of rollout ${rollout.id}`);
    const after: HostProgress = {
      state,
      changed: changed ?? (!UNCHANGED.has(state) && (before.changed || CHANGING_STATES.has(state))),
    };
    if (reason !== undefined) after.reason = reason;
    const failedWith =
      before.failedWith ??
      (FAILED_STATES.has(state) && CHANGING_STATES.has(before.state) ? (reason ?? state) : undefined);
    if (failedWith !== undefined) after.failedWith = failedWith;
    if (since !== undefined) after.since = since;
    const attempt = rollbackAttempt ?? before.rollbackAttempt;
    if (attempt !== undefined) after.rollbackAttempt = attempt;
    if (dataKept ?? before.dataKept) after.dataKept = true;
    hosts[host] = after;
  }
  return { ...rollout, hosts };
}
