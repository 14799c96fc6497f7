import type { RolloutEventName } from './rollout-event.js';
import type { RolloutState } from './rollout-state.js';

/** Why an event was refused beyond "this state does not take it": the wave bookkeeping disagreed. */
export type TransitionRefusalReason =
  'not-allowed' | 'wave-in-progress' | 'wrong-wave' | 'no-wave-left' | 'no-wave-in-progress';

/** An event the rollout's current state does not take. Nothing was changed. */
export class TransitionRefused extends Error {
  constructor(
    readonly state: RolloutState,
    readonly event: RolloutEventName,
    readonly reason: TransitionRefusalReason = 'not-allowed',
  ) {
    super(`a rollout that is ${state} cannot take ${event} (${reason})`);
    this.name = 'TransitionRefused';
  }
}
