import type { Actor } from '../core/rollout/audit-entry.js';
import { hostsLeftChanged } from '../core/rollout/hosts-to-hold.js';
import { recordHostStates } from '../core/rollout/record-host-states.js';
import type { Rollout } from '../core/rollout/rollout.js';
import type { RolloutEvent } from '../core/rollout/rollout-event.js';
import { transition } from '../core/rollout/transition.js';
import { SYSTEM } from './control-context.js';

/**
 * Moves the rollout into `rolling-back` and, in the same change, marks every host install touched as rolling
 * back: the driver then watches exactly those, and a host whose rollback failed is not asked again until a person runs
 * the rollback of the failed rollout again (which keeps the hosts it leaves changed again, though a person had let
 * them go).
 */
export function enterRollback(
  rollout: Rollout,
  event: Extract<RolloutEvent, 'threshold-exceeded' | 'budget-exceeded' | 'rollback' | 'abort'>,
  actor: Actor,
  now: Date,
  detail?: string,
): Rollout {
  const moved = transition(rollout, event, actor, now, detail);
  if (moved.state !== 'rolling-back') return moved;
  const { changedHosts: _kept, ...rollingBack } = moved;
  // Run again after it failed: each host's rollback is a new job, one attempt on.
  const again = rollout.state === 'failed';
  const nextAttempt = (host: string): number => (rollout.hosts[host]?.rollbackAttempt ?? 1) + 1;
  // Hosts that went back on their own left this rollout's migrations in the database: each is asked again, as a new
  // job that undoes the data (what it did on the host is journaled done), and holds the host until that succeeds.
  const alone = Object.keys(rollout.hosts).filter((host) => rollout.hosts[host]?.dataKept);
  const others = hostsLeftChanged(rollout).filter((host) => !rollout.hosts[host]?.dataKept);
  return recordHostStates(
    rollingBack,
    [
      ...others.map((host) =>
        again
          ? { host, state: 'rolling-back' as const, rollbackAttempt: nextAttempt(host) }
          : { host, state: 'rolling-back' as const },
      ),
      ...alone.map((host) => ({
        host,
        state: 'rolling-back' as const,
        rollbackAttempt: nextAttempt(host),
        dataKept: false,
        changed: true,
      })),
    ],
    now,
  );
}

/** The rollback of a rollout whose monitoring blip spent more error budget than allowed (`checkErrorBudget` said so). */
export function rollBackOverBudget(rollout: Rollout, overBudget: string, now: Date): Rollout {
  return enterRollback(rollout, 'budget-exceeded', SYSTEM, now, `${overBudget}: rolling back`);
}
