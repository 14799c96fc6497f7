import { ROLLOUT_STATES, type RolloutState } from './rollout-state.js';
import { TRANSITIONS } from './transition-table.js';

/** Rollouts not over (an end state takes no event): they may still change hosts, or wait for a person. */
export const ACTIVE_STATES: ReadonlySet<RolloutState> = new Set(
  ROLLOUT_STATES.filter((state) => Object.keys(TRANSITIONS[state]).length > 0),
);
