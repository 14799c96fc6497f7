import { UserError } from '../core/errors/user-error.js';
import type { Actor } from '../core/rollout/audit-entry.js';
import type { HostCleanup, Rollout } from '../core/rollout/rollout.js';
import { hostsKept, hostsLeftChanged } from '../core/rollout/hosts-to-hold.js';
import { transition } from '../core/rollout/transition.js';
import { TRANSITIONS } from '../core/rollout/transition-table.js';
import { TransitionRefused } from '../core/rollout/transition-refused.js';
import { refusingBusyHosts } from './check-hosts-free.js';
import type { ControlContext } from './control-context.js';
import { hostJobId } from '../jobs/job-id.js';
import { enterRollback } from './enter-rollback.js';
import { loadRollout } from './load-rollout.js';

export type RolloutCommand =
  | { kind: 'pause' }
  | { kind: 'resume' }
  /** `detail`: why, for the audit log (default: who aborted it). */
  | { kind: 'abort'; detail?: string }
  | { kind: 'rollback' }
  | { kind: 'extend'; minutes: number }
  | { kind: 'retry-cleanup' };

const ACTION: Record<RolloutCommand['kind'], string> = {
  pause: 'be paused',
  resume: 'be resumed',
  abort: 'be aborted',
  rollback: 'be rolled back',
  extend: 'have its window extended',
  'retry-cleanup': 'run its failed cleanup again',
};

/**
 * pause, resume, abort, rollback, extend and retry-cleanup, from chat or the CLI; every change is audited with the
 * person who asked. A command the rollout's state does not take is a UserError saying so. A driver starts when work
 * follows.
 */
export async function commandRollout(
  ctx: ControlContext,
  rolloutId: string,
  command: RolloutCommand,
  actor: Actor,
): Promise<Rollout> {
  await loadRollout(ctx, rolloutId);
  const now = ctx.now();
  let resumed = false;
  let letGo = false;
  let letGoFrom: Rollout | undefined;
  const change = (r: Rollout): Rollout => {
    switch (command.kind) {
      case 'pause':
        return transition(r, 'pause', actor, now);
      case 'resume':
        return transition(r, 'resume', actor, now);
      case 'abort':
        // Nothing is left to stop in a failed rollout, or in a done one that keeps hosts: abort lets go of them.
        letGo = r.state === 'failed' || (r.state === 'done' && r.changedHosts !== undefined);
        letGoFrom = letGo ? r : undefined;
        if (letGo) return letHostsGo(r, actor, now, command.detail);
        // Before any host changed, abort simply ends the rollout; after, it rolls back what was installed.
        return TRANSITIONS[r.state].abort === 'rolling-back'
          ? enterRollback(r, 'abort', actor, now, command.detail ?? `aborted by ${actor.id}`)
          : transition(r, 'abort', actor, now, command.detail);
      case 'rollback':
        // A rollout that failed before any host changed has nothing to roll back.
        if (r.state === 'failed' && hostsLeftChanged(r).length === 0) throw new TransitionRefused(r.state, 'rollback');
        return enterRollback(r, 'rollback', actor, now, `rollback asked by ${actor.id}`);
      case 'extend': {
        const extended = transition(r, { name: 'extend-window', minutes: command.minutes }, actor, now);
        // A rollout the control plane paused for lack of time carries on once it has the time.
        resumed = extended.state === 'paused' && r.audit.at(-1)?.actor.kind === 'system';
        return resumed ? transition(extended, 'resume', actor, now, 'resumed with the longer window') : extended;
      }
      case 'retry-cleanup':
        return retryCleanup(r, actor, now);
    }
  };
  let updated: Rollout;
  try {
    updated = await refusingBusyHosts(ctx, () => ctx.store.update(rolloutId, change));
  } catch (error) {
    if (!(error instanceof TransitionRefused)) throw error;
    throw new UserError('rollout-refused', { id: rolloutId, state: error.state, action: ACTION[command.kind] });
  }
  // Once the hosts are let go, what this rollout still has queued for them would change them after a person fixed
  // them by hand. What an agent holds finishes; a rollback stays behind an install an agent holds, to undo it.
  if (letGoFrom) await withdrawLeftovers(ctx, letGoFrom);
  // Nothing follows a pause, an extension that resumed nothing, or letting a rollout's kept hosts go.
  const follows = command.kind === 'extend' ? resumed : command.kind !== 'pause' && !letGo;
  if (follows) await ctx.startDriver(rolloutId);
  return updated;
}

/**
 * A failed rollout gives up on its rollback, or a done one on the hosts it could not put back: the hosts it kept out
 * of other plans are let go as they are (a person fixed them by hand, or will with the next rollout). Refused when it
 * keeps none.
 */
function letHostsGo(rollout: Rollout, actor: Actor, now: Date, why: string | undefined): Rollout {
  const kept = hostsKept(rollout);
  if (kept.length === 0)
    throw new UserError('nothing-kept', {
      id: rollout.id,
      state: rollout.state,
      letGo: rollout.changedHosts === 'let-go',
    });
  const named = kept.length > 5 ? `${kept.slice(0, 5).join(', ')} and ${kept.length - 5} more` : kept.join(', ');
  const detail = why ?? `the ${kept.length} host(s) the rollout left changed are let go as they are: ${named}`;
  return { ...transition(rollout, 'let-hosts-go', actor, now, detail), changedHosts: 'let-go' };
}

/** A done rollout's failed host cleanups run again, each as a new job (one more attempt); the rest stay as they are. */
function retryCleanup(rollout: Rollout, actor: Actor, now: Date): Rollout {
  const failed = Object.entries(rollout.cleanup ?? {}).filter(([, cleanup]) => cleanup.state === 'failed');
  if (rollout.state === 'done' && failed.length === 0) throw new UserError('nothing-to-retry', { id: rollout.id });
  const moved = transition(rollout, 'retry-cleanup', actor, now, `cleanup runs again on ${failed.length} host(s)`);
  const since = now.toISOString();
  const again = failed.map(([host, cleanup]): [string, HostCleanup] => [
    host,
    { state: 'running', since, attempt: (cleanup.attempt ?? 1) + 1 },
  ]);
  return { ...moved, cleanup: { ...rollout.cleanup, ...Object.fromEntries(again) } };
}

/**
 * For a rollout whose kept hosts were just let go (`rollout` as it was before): takes back their install and every
 * rollback attempt still queued that no agent holds. A rollback queued behind an install an agent holds is kept, or
 * that install would finish with nothing to undo it. (A job that finishes between the look at its state and its
 * removal is removed with its result; the window is a round trip.)
 */
async function withdrawLeftovers(ctx: ControlContext, rollout: Rollout): Promise<void> {
  const kept = hostsKept(rollout);
  if (kept.length === 0) return;
  const job = (hostId: string, step: 'install' | 'rollback', attempt = 1) => ({
    hostId,
    jobId: hostJobId({ rolloutId: rollout.id, hostId, attempt }, step),
  });
  const heldInstalls = new Set(
    (await ctx.hostJobs.withdraw(kept.map((host) => job(host, 'install')))).map((held) => held.hostId),
  );
  const rollbacks = kept.flatMap((host) => {
    const last = rollout.hosts[host]?.rollbackAttempt ?? 1;
    const attempts = Array.from({ length: heldInstalls.has(host) ? last - 1 : last }, (_, i) => i + 1);
    return attempts.map((attempt) => job(host, 'rollback', attempt));
  });
  await ctx.hostJobs.withdraw(rollbacks);
}
