import type { HostState } from './host-state.js';
import type { Blip } from './measure-blip.js';
import type { BudgetSpend } from './measure-budget-spend.js';
import type { RolloutState } from './rollout-state.js';

/** What the chat layer renders about a rollout at one moment. */
export interface ProgressSnapshot {
  rolloutId: string;
  state: RolloutState;
  /** `index` is 0-based (show index + 1 of `of`); undefined before the first wave started. */
  wave: { index: number; of: number; finished: boolean } | undefined;
  counts: Record<HostState, number>;
  /** Failed and unreachable hosts, sorted, with the reason their step gave (or their state). */
  failingHosts: { host: string; reason: string }[];
  /**
   * Hosts whose install failed (or that went unreachable) during the waves, sorted, with that first reason, where
   * `failingHosts` no longer says it: rolling back, rolled back, or failed since with the rollback's reason. Undefined
   * when none.
   */
  installFailures?: { host: string; reason: string }[];
  blip: Blip | undefined;
  /** The error budget spent so far against what the plan lets this rollout spend; undefined without a budget. */
  budget?: BudgetSpend;
  eta?: string;
  /** Seconds from now to the end of the (possibly extended) window; 0 once it is over. */
  windowSecondsLeft: number;
  /** When its window opened and it began to run; undefined before. */
  startedAt?: string;
  /** When it ended (done, rolled back, failed, expired); undefined while it is not over. */
  endedAt?: string;
  /** Why a rollout stopped or turned back (paused, rolling back, rolled back, failed, expired), as its audit says. */
  reason?: string;
  /** The hosts a failed or done rollout left changed and keeps out of other plans (hostsKept); undefined when none. */
  keptHosts?: number;
}
