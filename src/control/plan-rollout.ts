import { UserError } from '../core/errors/user-error.js';
import { createRollout } from '../core/rollout/create-rollout.js';
import { planSchema, type PlanInput } from '../core/rollout/plan.js';
import type { ReleaseChanges, Rollout } from '../core/rollout/rollout.js';
import { refusingBusyHosts } from './check-hosts-free.js';
import type { ControlContext } from './control-context.js';
import { newRolloutId } from './new-rollout-id.js';

/**
 * Records a new rollout in draft and starts its driver, which runs the per-host preflight on every target. Refused
 * (`hosts-busy`) when another rollout that is not over holds any of the targets.
 */
export async function planRollout(
  ctx: ControlContext,
  request: { plan: PlanInput; release?: ReleaseChanges; id?: string },
): Promise<Rollout> {
  const parsed = planSchema.safeParse(request.plan);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError('plan-invalid', { problem: `${issue.path.join('.') || 'plan'}: ${issue.message}` });
  }
  const rollout = createRollout(request.id ?? newRolloutId(ctx.now()), parsed.data, request.release);
  await refusingBusyHosts(ctx, () => ctx.store.create(rollout));
  await ctx.startDriver(rollout.id);
  return rollout;
}
