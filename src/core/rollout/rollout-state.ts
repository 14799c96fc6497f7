/** Where a rollout stands. Persisted in Redis, so the names are a stored format: add, never rename. */
export const ROLLOUT_STATES = [
  'draft',
  'preflighted',
  'awaiting-approval',
  'approved',
  'scheduled',
  'running',
  'verifying',
  'cleaning',
  'done',
  'paused',
  'rolling-back',
  'rolled-back',
  'failed',
  'expired',
] as const;
export type RolloutState = (typeof ROLLOUT_STATES)[number];
