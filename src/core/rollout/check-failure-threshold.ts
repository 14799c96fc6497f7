import { CHANGING_STATES, FAILED_STATES, type HostProgress } from './host-state.js';

export interface ThresholdCheck {
  /** True when failed hosts exceed maxErrors: no new wave, roll back. */
  stop: boolean;
  failed: string[];
  /** Hosts to roll back when stopping: every host install touched that is not back on the old version, and every
   * host that went back on its own leaving the data (`dataKept`). */
  rollBack: string[];
}

/**
 * Counts failures so far against maxErrors: "the rollout stops when failed hosts exceed maxErrors". A host that failed
 * within them and was rolled back on its own still counts (`failedWith`).
 */
export function checkFailureThreshold(
  hosts: Readonly<Record<string, HostProgress>>,
  maxErrors: number,
): ThresholdCheck {
  const entries = Object.entries(hosts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const failed = entries.filter(([, host]) => hasFailed(host)).map(([id]) => id);
  const stop = failed.length > maxErrors;
  // A host that went back on its own is asked again: the migrations it left in the database are undone from there.
  const touched = entries.filter(
    ([, host]) =>
      host.dataKept === true || (host.state !== 'rolled-back' && (host.changed || CHANGING_STATES.has(host.state))),
  );
  return { stop, failed, rollBack: stop ? touched.map(([id]) => id) : [] };
}

/** A host that failed in this rollout: failing now, or failed on its way to the new version and since rolled back. */
export function hasFailed(host: HostProgress): boolean {
  return FAILED_STATES.has(host.state) || host.failedWith !== undefined;
}
