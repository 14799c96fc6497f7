/** What can happen to a rollout. Persisted in the audit log: add, never rename. */
export const ROLLOUT_EVENTS = [
  'preflight-passed',
  'request-approval',
  'approve',
  'reject',
  'schedule',
  'window-opened',
  'wave-started',
  /** Every host of the wave is healthy. */
  'wave-succeeded',
  /** The wave ended with failed hosts, still within maxErrors: the rollout carries on. */
  'wave-failed',
  /** Failed hosts exceed maxErrors: the installed hosts are rolled back. */
  'threshold-exceeded',
  /** The monitoring blip spent more error budget than the plan allows: the installed hosts are rolled back. */
  'budget-exceeded',
  'pause',
  'resume',
  'abort',
  'rollback',
  'rollback-finished',
  'rollback-failed',
  'verify-ok',
  'cleanup-finished',
  /** A person runs the cleanup that failed on some hosts again, after the rollout was done. */
  'retry-cleanup',
  /** A person lets the hosts a failed rollout left changed go as they are (`/dten abort` on a failed rollout). */
  'let-hosts-go',
  'window-ended',
  'extend-window',
  'expire',
] as const;
export type RolloutEventName = (typeof ROLLOUT_EVENTS)[number];

/** The events that carry data name it; the rest are their bare name. */
export type RolloutEvent =
  | Exclude<RolloutEventName, 'wave-started' | 'extend-window'>
  | { name: 'wave-started'; wave: number }
  | { name: 'extend-window'; minutes: number };

export function nameEvent(event: RolloutEvent): RolloutEventName {
  return typeof event === 'string' ? event : event.name;
}
