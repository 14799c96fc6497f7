/** Where one target host stands in a rollout. Persisted: add, never rename. */
export const HOST_STATES = [
  'pending',
  'preflighting',
  'installing',
  'installed',
  'verifying',
  'healthy',
  'failed',
  'unreachable',
  'rolling-back',
  'rolled-back',
  'skipped',
] as const;
export type HostState = (typeof HOST_STATES)[number];

/** States a host counts as failed in: against max errors, and in the progress message. */
export const FAILED_STATES: ReadonlySet<HostState> = new Set(['failed', 'unreachable']);

/** States of a host its install has begun changing, on its way to the new version or there. */
export const CHANGING_STATES: ReadonlySet<HostState> = new Set(['installing', 'installed', 'verifying', 'healthy']);

export interface HostProgress {
  state: HostState;
  /** Why the host failed or was skipped, in the words of the step that said so. */
  reason?: string;
  /**
   * Why its install failed, or why it went unreachable, during the waves: the reason it first counted as failed with,
   * kept when its rollback (rolling back, rolled back, or failed with the rollback's reason) replaces `reason`.
   */
  failedWith?: string;
  /** True once install began changing the host, until it is rolled back: it then needs a rollback. */
  changed: boolean;
  /** When the host entered this state (ISO, UTC): the control plane's per-host deadline counts from it. */
  since?: string;
  /** The attempt of its rollback (part of the job id): absent for 1, one more each time a failed one is run again. */
  rollbackAttempt?: number;
  /**
   * It failed within max errors and went back to the old release on its own while the rollout carried on, leaving
   * this rollout's migrations in the database for the hosts on the new one: a rollback of the whole rollout asks it
   * again, as a new attempt, to undo them.
   */
  dataKept?: true;
}
