import type { RolloutEventName } from './rollout-event.js';
import type { RolloutState } from './rollout-state.js';

/** Who or what caused a change: a person in chat, the control plane, or a host's agent. */
export interface Actor {
  kind: 'user' | 'system' | 'agent';
  id: string;
}

/** One line of a rollout's audit log; refused approval decisions appear with `from` equal to `to`. */
export interface AuditEntry {
  at: string;
  from: RolloutState;
  to: RolloutState;
  event: RolloutEventName;
  actor: Actor;
  /** The wave the rollout was on, once waves have started. */
  wave?: number;
  detail?: string;
}
