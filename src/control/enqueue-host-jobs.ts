import { digestPlan } from '../core/rollout/digest-plan.js';
import type { Rollout } from '../core/rollout/rollout.js';
import type { HostStep } from '../jobs/job-names.js';
import { buildHostJob } from './build-host-job.js';
import type { ControlContext } from './control-context.js';

/** Asks each of `hostIds` to do `step` for this rollout, digesting its plan once for all of them. */
export async function enqueueHostJobs(
  ctx: Pick<ControlContext, 'hostJobs'>,
  rollout: Rollout,
  hostIds: readonly string[],
  step: HostStep,
  reason?: string,
): Promise<void> {
  if (hostIds.length === 0) return;
  const planDigest = digestPlan(rollout.plan);
  await Promise.all(hostIds.map((host) => ctx.hostJobs.enqueue(buildHostJob(rollout, planDigest, host, step, reason))));
}
