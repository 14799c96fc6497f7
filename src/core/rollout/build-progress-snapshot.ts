import { isOver } from './active-states.js';
import { estimateEta } from './estimate-eta.js';
import { FAILED_STATES, HOST_STATES, type HostState } from './host-state.js';
import { hostsKept } from './hosts-to-hold.js';
import { measureBlip } from './measure-blip.js';
import { measureBudgetSpend } from './measure-budget-spend.js';
import { planWaves } from './plan-waves.js';
import type { ProgressSnapshot } from './progress-snapshot.js';
import type { Rollout } from './rollout.js';
import type { RolloutState } from './rollout-state.js';
import { windowEnd } from './window-end.js';

/** States a person reads the reason of: the rollout stopped, turned back or ended short of done. */
const EXPLAINED: ReadonlySet<RolloutState> = new Set(['paused', 'rolling-back', 'rolled-back', 'failed', 'expired']);

/** The snapshot of a rollout record at `now`; pure, so every bot replica renders the same thing. */
export function buildProgressSnapshot(rollout: Rollout, now: Date): ProgressSnapshot {
  const counts = Object.fromEntries(HOST_STATES.map((state) => [state, 0])) as Record<HostState, number>;
  for (const host of Object.values(rollout.hosts)) counts[host.state] += 1;
  const sorted = Object.entries(rollout.hosts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const failingHosts = sorted
    .filter(([, host]) => FAILED_STATES.has(host.state))
    .map(([host, progress]) => ({ host, reason: progress.reason ?? progress.state }));
  // Why the install stopped on a host, once its rollback took over its state and reason (a host still failing with
  // the same reason is said once, among the failing hosts).
  const installFailures = sorted.flatMap(([host, { state, reason, failedWith }]) =>
    failedWith === undefined || (FAILED_STATES.has(state) && (reason ?? state) === failedWith)
      ? []
      : [{ host, reason: failedWith }],
  );
  const of = planWaves(rollout.plan).length;
  const snapshot: ProgressSnapshot = {
    rolloutId: rollout.id,
    state: rollout.state,
    wave: rollout.wave ? { ...rollout.wave, of } : undefined,
    counts,
    failingHosts,
    blip: measureBlip(rollout.health, now),
    windowSecondsLeft: Math.max(0, Math.floor((windowEnd(rollout.window).getTime() - now.getTime()) / 1000)),
  };
  if (installFailures.length > 0) snapshot.installFailures = installFailures;
  // The audit entry that put the rollout where it is: why it stopped short, and when it ended.
  const entered = rollout.audit.findLast((entry) => entry.to === rollout.state && entry.from !== entry.to);
  if (EXPLAINED.has(rollout.state) && entered?.detail) snapshot.reason = entered.detail;
  if (isOver(rollout.state) && entered) snapshot.endedAt = entered.at;
  const started = rollout.audit.find((entry) => entry.event === 'window-opened');
  if (started) snapshot.startedAt = started.at;
  // What the rollout spent up to its verification (a cleanup run again days later changes no host's release), or up
  // to its end, not up to whenever this is read.
  const verified = rollout.audit.find((entry) => entry.event === 'verify-ok')?.at ?? snapshot.endedAt;
  const budget = measureBudgetSpend(rollout, verified === undefined ? now : new Date(verified));
  if (budget !== undefined) snapshot.budget = budget;
  const kept = hostsKept(rollout).length;
  if (kept > 0) snapshot.keptHosts = kept;
  const eta = estimateEta(rollout, now);
  if (eta !== undefined) snapshot.eta = eta;
  return snapshot;
}
