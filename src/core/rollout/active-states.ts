import { ROLLOUT_STATES, type RolloutState } from './rollout-state.js';

/** States a rollout ends in: its hosts no longer change, except through a cleanup a person asks to run again. */
const OVER: ReadonlySet<RolloutState> = new Set(['done', 'rolled-back', 'failed', 'expired']);

/** Whether a rollout has ended: done, rolled back, failed or expired. */
export function isOver(state: RolloutState): boolean {
  return OVER.has(state);
}

/** Rollouts not over: they may still change hosts, or wait for a person. */
export const ACTIVE_STATES: ReadonlySet<RolloutState> = new Set(ROLLOUT_STATES.filter((state) => !OVER.has(state)));
