import { isOver } from './active-states.js';
import type { Rollout } from './rollout.js';

/**
 * The hosts a rollout claims when it starts, or starts again: every target of a new plan; for an ended rollout brought
 * back to run a failed cleanup or rollback again, only the hosts that run it again, so the rest stay free for others.
 */
export function hostsToHold(rollout: Rollout, comingBack: boolean): string[] {
  if (!comingBack) return rollout.plan.targets;
  const cleaning = Object.entries(rollout.cleanup ?? {}).filter(([, cleanup]) => cleanup.state === 'running');
  const rollingBack = Object.entries(rollout.hosts).filter(([, host]) => host.state === 'rolling-back');
  return [...new Set([...cleaning, ...rollingBack].map(([host]) => host))];
}

/**
 * The hosts an ended rollout still holds: those a failed rollout left changed (its rollback failed there, or never got
 * that far), until its rollback run again puts them back or a person lets them go as they are (`changedHosts`); and
 * those a done rollout could not put back after they failed within max errors (their own rollback failed, or their
 * agent stayed silent), until a person lets them go. A host in a state nobody knows is not handed to the next plan in
 * silence.
 */
export function hostsKept(rollout: Rollout): string[] {
  if (rollout.changedHosts !== 'kept') return [];
  if (rollout.state === 'failed') return hostsLeftChanged(rollout);
  if (rollout.state === 'done') return leftBehind(rollout);
  return [];
}

/**
 * A rollout that ends done keeps the hosts it left changed but not on the new release (`changedHosts: 'kept'`), the
 * first time it ends so: a cleanup run again later finds them kept, or let go by a person, or (a rollout an earlier
 * dten finished) long given to other rollouts.
 */
export function keepHostsLeftBehind(rollout: Rollout): Rollout {
  if (rollout.state !== 'done' || rollout.changedHosts !== undefined) return rollout;
  if (rollout.audit.filter((entry) => entry.event === 'cleanup-finished').length > 1) return rollout;
  return leftBehind(rollout).length > 0 ? { ...rollout, changedHosts: 'kept' } : rollout;
}

/** The hosts a done rollout changed that are not on the new release: those it could not put back. */
function leftBehind(rollout: Pick<Rollout, 'hosts'>): string[] {
  return hostsLeftChanged(rollout).filter((host) => rollout.hosts[host]?.state !== 'healthy');
}

/**
 * The hosts the rollout changed and has not put back: what a rollback still has to do. `recordHostStates` clears
 * `changed` once a host is rolled back, or skipped as a later rollout's.
 */
export function hostsLeftChanged(rollout: Pick<Rollout, 'hosts'>): string[] {
  return Object.entries(rollout.hosts)
    .filter(([, host]) => host.changed)
    .map(([host]) => host);
}

/** What a change of a rollout does to its host claims: claim these hosts, let these go, or nothing. */
export type ClaimChange = { mode: 'claim' | 'release'; hosts: string[] } | undefined;

/**
 * The claims that go with `before` becoming `after` (no `before`: a new rollout). A rollout that starts, or starts
 * again, claims `hostsToHold`; one that ends lets go of its targets but those it keeps (`hostsKept`); an ended one
 * lets go of what it kept and keeps no more.
 */
export function claimChange(before: Rollout | undefined, after: Rollout): ClaimChange {
  const wasOver = before === undefined || isOver(before.state);
  if (!isOver(after.state))
    return wasOver ? { mode: 'claim', hosts: hostsToHold(after, before !== undefined) } : undefined;
  const held = wasOver ? (before ? hostsKept(before) : []) : after.plan.targets;
  const kept = new Set(hostsKept(after));
  const letGo = held.filter((host) => !kept.has(host));
  return letGo.length > 0 ? { mode: 'release', hosts: letGo } : undefined;
}
