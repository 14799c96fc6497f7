import type { HostProgress, HostState } from './host-state.js';

export interface ThresholdCheck {
  /** True when failed hosts exceed maxErrors: no new wave, roll back. */
  stop: boolean;
  failed: string[];
  /** Hosts to roll back when stopping: every host install touched that is not back on the old version. */
  rollBack: string[];
}

const FAILED: ReadonlySet<HostState> = new Set(['failed', 'unreachable']);
const ON_NEW_VERSION: ReadonlySet<HostState> = new Set(['installing', 'installed', 'verifying', 'healthy']);

/** Counts failures so far against maxErrors: "the rollout stops when failed hosts exceed maxErrors". */
export function checkFailureThreshold(
  hosts: Readonly<Record<string, HostProgress>>,
  maxErrors: number,
): ThresholdCheck {
  const entries = Object.entries(hosts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const failed = entries.filter(([, host]) => FAILED.has(host.state)).map(([id]) => id);
  const stop = failed.length > maxErrors;
  const touched = entries.filter(
    ([, host]) => host.state !== 'rolled-back' && (host.changed || ON_NEW_VERSION.has(host.state)),
  );
  return { stop, failed, rollBack: stop ? touched.map(([id]) => id) : [] };
}
