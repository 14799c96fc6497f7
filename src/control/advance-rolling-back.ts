import { hostsLeftChanged } from '../core/rollout/hosts-to-hold.js';
import type { Rollout } from '../core/rollout/rollout.js';
import { transition } from '../core/rollout/transition.js';
import { HOST_JOB_RESULTS } from '../jobs/host-job-results.js';
import { SYSTEM, type ControlContext } from './control-context.js';
import { AGAIN, waitFor, type Drive } from './drive.js';
import { recordStepOutcomes, type StepOutcome } from './record-step-outcomes.js';
import { hostsIn, watchHostSteps, type HostStepEnd } from './watch-host-steps.js';

/** Rolling back: every host marked when the rollback began gets a rollback job; the rollout ends when all answered. */
export async function advanceRollingBack(ctx: ControlContext, rollout: Rollout): Promise<Drive> {
  const now = ctx.now();
  const reason = rollout.audit.findLast((entry) => entry.to === 'rolling-back')?.detail;
  const asked = hostsIn(rollout, 'rolling-back').map((entry) => ({
    ...entry,
    attempt: rollout.hosts[entry.host]?.rollbackAttempt,
  }));
  const { ended, pending } = await watchHostSteps(ctx, rollout, asked, 'rollback', reason);
  const settled =
    ended.length === 0
      ? rollout
      : await ctx.store.update(rollout.id, (r) => recordStepOutcomes(r, ended, 'rolling-back', now, readRollback));
  if (pending.length > 0) return waitFor(ctx.settings.pollMs, `${pending.length} host(s) rolling back`);
  const left = hostsLeftChanged(settled);
  await ctx.store.update(rollout.id, (r) =>
    left.length === 0
      ? transition(r, 'rollback-finished', SYSTEM, now)
      : {
          ...transition(
            r,
            'rollback-failed',
            SYSTEM,
            now,
            `not rolled back: ${left.join(', ')}; once what each says is fixed, /dten rollback ${r.id} runs their rollback again`,
          ),
          // The hosts it leaves changed stay out of other plans until it is run again or a person lets them go.
          changedHosts: 'kept',
        },
  );
  return AGAIN;
}

/** What a host's rollback step says: back on the old version (healthy or not), a later rollout's, or failed. */
export function readRollback(end: HostStepEnd): StepOutcome {
  if (end.ended !== 'completed')
    return { change: { host: end.host, state: 'failed', reason: `rollback: ${end.reason}` } };
  const result = HOST_JOB_RESULTS.rollback.safeParse(end.result).data;
  const health = result?.health ?? undefined;
  // The host is a later rollout's now: nothing of this one is left there to roll back, nor to keep from other plans.
  if (result?.supersededBy)
    return {
      change: {
        host: end.host,
        state: 'skipped',
        reason: `not rolled back: rollout ${result.supersededBy} changed this host since, so it is left as that rollout has it`,
      },
    };
  return {
    change:
      health && !health.healthy
        ? {
            host: end.host,
            state: 'rolled-back',
            reason: `back on the old version, but its health check: ${health.detail}`,
          }
        : { host: end.host, state: 'rolled-back' },
    health,
  };
}
