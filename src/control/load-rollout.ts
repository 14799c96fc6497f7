import { UserError } from '../core/errors/user-error.js';
import type { Rollout } from '../core/rollout/rollout.js';
import type { ControlContext } from './control-context.js';

/** The rollout, or a UserError that tells the person how to find the right id. */
export async function loadRollout(ctx: Pick<ControlContext, 'store'>, id: string): Promise<Rollout> {
  const rollout = await ctx.store.get(id);
  if (!rollout) throw new UserError('rollout-not-found', { id });
  return rollout;
}
