import type { HostState } from '../core/rollout/host-state.js';
import { recordHostStates, type HostStateChange } from '../core/rollout/record-host-states.js';
import type { HealthSample, Rollout } from '../core/rollout/rollout.js';
import type { HostHealthResult } from '../jobs/host-job-results.js';
import type { HostStepEnd } from './watch-host-steps.js';

/** What one ended host step means: the host's new state and, when its agent checked, the release's health. */
export interface StepOutcome {
  change: HostStateChange;
  health?: HostHealthResult | null | undefined;
}

/**
 * Records the steps that ended on hosts still `watched` (a host a person or another replica moved meanwhile is
 * left alone): their new states in one copy, and each health the agents reported as a sample.
 */
export function recordStepOutcomes(
  rollout: Rollout,
  ended: readonly HostStepEnd[],
  watched: HostState,
  now: Date,
  read: (end: HostStepEnd) => StepOutcome,
): Rollout {
  const changes: HostStateChange[] = [];
  const samples: HealthSample[] = [];
  for (const end of ended) {
    if (rollout.hosts[end.host]?.state !== watched) continue;
    const { change, health } = read(end);
    changes.push(change);
    if (health)
      samples.push({ at: health.checkedAt, host: end.host, errorRate: health.errorRate ?? (health.healthy ? 0 : 1) });
  }
  const next = recordHostStates(rollout, changes, now);
  return samples.length === 0
    ? next
    : { ...next, health: { ...next.health, samples: [...next.health.samples, ...samples] } };
}
