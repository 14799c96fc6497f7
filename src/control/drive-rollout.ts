import { checkErrorBudget } from '../core/rollout/check-error-budget.js';
import { describeBudgetSpend } from '../core/rollout/describe-budget-spend.js';
import { measureBlip } from '../core/rollout/measure-blip.js';
import { measureBudgetSpend } from '../core/rollout/measure-budget-spend.js';
import type { Rollout } from '../core/rollout/rollout.js';
import { transition } from '../core/rollout/transition.js';
import { TransitionRefused } from '../core/rollout/transition-refused.js';
import { windowEnd } from '../core/rollout/window-end.js';
import { advanceCleaning } from './advance-cleaning.js';
import { advanceDraft } from './advance-draft.js';
import { advanceRollingBack } from './advance-rolling-back.js';
import { advanceRunning } from './advance-running.js';
import { SYSTEM, type ControlContext } from './control-context.js';
import { AGAIN, stop, waitFor, type Drive } from './drive.js';
import { rollBackOverBudget } from './enter-rollback.js';

/** Steps taken in one go before the job yields, so one busy rollout cannot hold a control worker. */
const MAX_STEPS = 25;

/**
 * One run of a rollout's step job: reads the recorded state and takes it as far as it can go now. Everything it
 * knows is in the store, so a control plane killed at any point resumes from there. `driver` is the step job's
 * sequence: a job of an earlier driver stops as soon as it sees a newer one started.
 */
export async function driveRollout(ctx: ControlContext, rolloutId: string, driver: number): Promise<Drive> {
  for (let step = 0; step < MAX_STEPS; step += 1) {
    if ((await ctx.store.currentDriver(rolloutId)) !== driver) return stop('a newer driver took over');
    const rollout = await ctx.store.get(rolloutId);
    if (!rollout) return stop('no such rollout');
    let next: Drive;
    try {
      next = await advance(ctx, rollout);
    } catch (error) {
      // A person (or another replica) moved the rollout between our read and our write: read it again.
      if (!(error instanceof TransitionRefused)) throw error;
      next = AGAIN;
    }
    if (next.next !== 'again') return next;
  }
  return waitFor(0, 'yielding to other rollouts');
}

async function advance(ctx: ControlContext, rollout: Rollout): Promise<Drive> {
  const now = ctx.now();
  const move = async (change: (r: Rollout) => Rollout): Promise<Drive> => {
    await ctx.store.update(rollout.id, change);
    return AGAIN;
  };
  const closesIn = windowEnd(rollout.window).getTime() - now.getTime();
  switch (rollout.state) {
    case 'draft':
      return advanceDraft(ctx, rollout);
    case 'preflighted':
      return move((r) => transition(r, 'request-approval', SYSTEM, now));
    case 'awaiting-approval':
      if (closesIn <= 0)
        return move((r) => transition(r, 'expire', SYSTEM, now, 'nobody approved before the window ended'));
      return waitFor(closesIn, 'waiting for an approver');
    case 'approved':
      return move((r) => transition(r, 'schedule', SYSTEM, now));
    case 'scheduled': {
      if (closesIn <= 0)
        return move((r) => transition(r, 'window-ended', SYSTEM, now, 'the window passed before it opened here'));
      const opensIn = Date.parse(rollout.window.start) - now.getTime();
      if (opensIn > 0) return waitFor(opensIn, 'waiting for the window');
      const baseline = await ctx.monitoring.baseline(rollout);
      return move((r) => ({
        ...transition(r, 'window-opened', SYSTEM, now),
        health: { ...r.health, baselineErrorRate: baseline },
      }));
    }
    case 'running':
      return advanceRunning(ctx, rollout);
    case 'verifying': {
      const spend = measureBudgetSpend(rollout, now);
      const overBudget = checkErrorBudget(rollout, now, spend);
      if (overBudget !== undefined) return move((r) => rollBackOverBudget(r, overBudget, now));
      const blip = measureBlip(rollout.health, now);
      const said = blip
        ? `worst error rate ${(blip.worstErrorRate * 100).toFixed(1)}% against a baseline of ${(blip.baselineErrorRate * 100).toFixed(1)}%, above it for ${blip.secondsAboveBaseline}s`
        : 'no health samples';
      const budget = spend ? `; error budget ${describeBudgetSpend(spend)}` : '';
      return move((r) => transition(r, 'verify-ok', SYSTEM, now, `${said}${budget}`));
    }
    case 'cleaning':
      return advanceCleaning(ctx, rollout);
    case 'rolling-back':
      return advanceRollingBack(ctx, rollout);
    case 'paused':
      return stop('paused: resume, extend the window or roll back');
    case 'done':
    case 'rolled-back':
    case 'failed':
    case 'expired':
      return stop(`finished: ${rollout.state}`);
  }
}
