/** What a fleet process (bench/fleet-process.ts) tells the bench over the IPC channel. */
export type FleetMessage =
  | { kind: 'ready' }
  /** `noop` mode: the process has completed `total` jobs, the total the bench last said to expect. */
  | { kind: 'drained'; total: number }
  | { kind: 'closed'; jobs: number; maxRssKiB: number };

/** What the bench tells a fleet process. */
export type BenchMessage =
  /** `noop` mode: answer `drained` once this many jobs in all (since the process started) have completed. */
  { kind: 'expect'; total: number } | { kind: 'close' };
