/** What a fleet process (bench/fleet-process.ts) tells bench/rollout.ts over the IPC channel. */
export type FleetMessage =
  | { kind: 'ready' }
  /** `noop` mode: every expected job has completed. */
  | { kind: 'drained' }
  | { kind: 'closed'; jobs: number; maxRssKiB: number };
