import { createHash } from 'node:crypto';
import { digestPlan } from '../core/rollout/digest-plan.js';
import type { Rollout } from '../core/rollout/rollout.js';
import type { HostStep } from '../jobs/job-names.js';
import { buildHostJob } from './build-host-job.js';
import type { ControlContext } from './control-context.js';

/**
 * Asks each of `hostIds` to do `step` for this rollout, digesting its plan once for all of them, as one batch that
 * wakes the rollout's step job when all have finished. The batch is named by the step and its hosts, so asking the
 * same hosts again (a job that vanished) cannot wake the driver twice.
 */
export async function enqueueHostJobs(
  ctx: Pick<ControlContext, 'hostJobs'>,
  rollout: Rollout,
  hostIds: readonly string[],
  step: HostStep,
  reason?: string,
): Promise<void> {
  if (hostIds.length === 0) return;
  const planDigest = digestPlan(rollout.plan);
  const hosts = createHash('sha256')
    .update([...hostIds].sort().join('\n'))
    .digest('hex')
    .slice(0, 12);
  await ctx.hostJobs.enqueue(
    hostIds.map((host) => buildHostJob(rollout, planDigest, host, step, reason)),
    { rolloutId: rollout.id, batch: `${step}-${hosts}` },
  );
}
