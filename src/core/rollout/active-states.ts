import { ROLLOUT_STATES, type RolloutState } from './rollout-state.js';

/** States a rollout ends in: nothing changes it any more. */
const OVER: readonly RolloutState[] = ['done', 'rolled-back', 'failed', 'expired'];

/** Rollouts that are not over: they may still change hosts, or wait for a person. */
export const ACTIVE_STATES: ReadonlySet<RolloutState> = new Set(
  ROLLOUT_STATES.filter((state) => !OVER.includes(state)),
);
