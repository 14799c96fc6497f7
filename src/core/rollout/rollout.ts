import type { Manifest } from '../manifest/manifest-schema.js';
import type { Approval } from './approval.js';
import type { AuditEntry } from './audit-entry.js';
import type { HostProgress } from './host-state.js';
import type { Plan, PlanWindow } from './plan.js';
import type { RolloutState } from './rollout-state.js';

/** One health observation of one host during the rollout (an error rate between 0 and 1). */
export interface HealthSample {
  at: string;
  host: string;
  errorRate: number;
}

/** One host's per-host preflight, as its agent answered it. */
export interface HostPreflight {
  ok: boolean;
  /** Failed blocking checks in the agent's words, or why the host could not be checked. */
  problems: string[];
  /** Checks that did not pass but do not keep the host out (a dependency no probe reads), in the agent's words. */
  notes?: string[];
  checkedAt: string;
}

/** One host's cleanup: what its agent reported for each item, or why it could not run. */
export interface HostCleanup {
  state: 'pending' | 'running' | 'done' | 'failed';
  since?: string;
  detail?: string;
  /** The cleanup job's attempt (part of its job id): 1, then one more each time a person runs it again. */
  attempt?: number;
}

/** What the verified manifest says the install changes: copied into every install job the plan makes. */
export interface ReleaseChanges {
  services: Manifest['services'];
  config: Manifest['config'];
}

/** The whole rollout as plain JSON: the control plane stores it in Redis as is. */
export interface Rollout {
  id: string;
  plan: Plan;
  state: RolloutState;
  /** The current (or last) wave while running; `finished` once its hosts reported. */
  wave?: { index: number; finished: boolean };
  /** The state a pause interrupted, which `resume` returns to. */
  pausedFrom?: RolloutState;
  /** The plan's window, plus any extension granted while the rollout ran. */
  window: PlanWindow;
  hosts: Record<string, HostProgress>;
  approvals: Approval[];
  /** Baseline measured before the first wave, then samples during and after each wave. */
  health: { baselineErrorRate?: number; samples: HealthSample[] };
  audit: AuditEntry[];
  release?: ReleaseChanges;
  /** Per-host preflight results, filled while the rollout is a draft. */
  preflight?: Record<string, HostPreflight>;
  /** Per-host cleanup, filled once the rollout is cleaning. */
  cleanup?: Record<string, HostCleanup>;
  /**
   * What a failed rollout does with the hosts it left changed: `kept` out of other plans (set as its rollback fails),
   * or `let-go` once a person let them go as they are (`/dten abort`). Cleared when its rollback runs again; absent on
   * a rollout that failed under a dten that kept nothing (its hosts were let go as it failed).
   */
  changedHosts?: 'kept' | 'let-go';
}
