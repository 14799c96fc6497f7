/** What a fleet process (bench/fleet-process.ts) tells bench/rollout.ts over the IPC channel. */
export type FleetMessage =
  | { kind: 'ready' }
  /** `noop` mode: every expected job has completed. */
  | { kind: 'drained' }
  /** `noop` mode started with `each`: one job has completed. */
  | { kind: 'completed' }
  | { kind: 'closed'; jobs: number; maxRssKiB: number };
