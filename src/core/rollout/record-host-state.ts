import type { HostState } from './host-state.js';
import { recordHostStates } from './record-host-states.js';
import type { Rollout } from './rollout.js';

/** The rollout with one host's new state; a host that began installing needs a rollback until it had one. */
export function recordHostState(rollout: Rollout, host: string, state: HostState, reason?: string, at?: Date): Rollout {
  return recordHostStates(rollout, [reason === undefined ? { host, state } : { host, state, reason }], at);
}
