import { CHANGING_STATES, FAILED_STATES, type HostProgress } from './host-state.js';

export interface ThresholdCheck {
  /** True when failed hosts exceed maxErrors: no new wave, roll back. */
  stop: boolean;
  failed: string[];
  /** Hosts to roll back when stopping: every host install touched that is not back on the old version. */
  rollBack: string[];
}

/** Counts failures so far against maxErrors: "the rollout stops when failed hosts exceed maxErrors". */
export function checkFailureThreshold(
  hosts: Readonly<Record<string, HostProgress>>,
  maxErrors: number,
): ThresholdCheck {
  const entries = Object.entries(hosts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const failed = entries.filter(([, host]) => FAILED_STATES.has(host.state)).map(([id]) => id);
  const stop = failed.length > maxErrors;
  const touched = entries.filter(
    ([, host]) => host.state !== 'rolled-back' && (host.changed || CHANGING_STATES.has(host.state)),
  );
  return { stop, failed, rollBack: stop ? touched.map(([id]) => id) : [] };
}
