import { ACTIVE_STATES } from '../core/rollout/active-states.js';
import type { RolloutState } from '../core/rollout/rollout-state.js';

/** States in which nobody needs to act: the engine moves the rollout on by itself (or a window will open). */
const WAITING_FOR_A_PERSON: ReadonlySet<RolloutState> = new Set(['awaiting-approval', 'paused']);

/** True for a rollout that will change without anyone typing: a script's end waits for it. */
export function isRolloutMoving(state: RolloutState): boolean {
  return ACTIVE_STATES.has(state) && !WAITING_FOR_A_PERSON.has(state);
}
