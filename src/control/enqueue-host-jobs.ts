import { createHash } from 'node:crypto';
import { digestPlan } from '../core/rollout/digest-plan.js';
import type { Rollout } from '../core/rollout/rollout.js';
import type { HostStep } from '../jobs/job-names.js';
import { buildHostJob } from './build-host-job.js';
import type { ControlContext } from './control-context.js';
import { waitFor, type Drive } from './drive.js';

/** Host jobs per flow. */
export const HOSTS_PER_BATCH = 100;

/** A host to ask, with the attempt of its step (default 1). */
export type HostToAsk = string | { host: string; attempt?: number | undefined };

/**
 * Asks each of `hosts` to do `step` for this rollout, digesting its plan once for all of them, in batches that wake
 * the rollout's step job when all their jobs have finished. A batch is named by its step, attempts and hosts, so
 * asking the same hosts again (a job that vanished) cannot wake the driver twice.
 */
export async function enqueueHostJobs(
  ctx: Pick<ControlContext, 'hostJobs'>,
  rollout: Rollout,
  hosts: readonly HostToAsk[],
  step: HostStep,
  reason?: string,
): Promise<void> {
  if (hosts.length === 0) return;
  const planDigest = digestPlan(rollout.plan);
  const asked = hosts.map((entry) =>
    typeof entry === 'string' ? { host: entry, attempt: 1 } : { attempt: 1, ...entry },
  );
  // One flow is one MULTI: a thousand children in one would hold Redis (and every agent) until all are added. The
  // batches are sent together, so Redis adds one while this process builds and signs the next.
  const batches: Array<Promise<void>> = [];
  // The batches of one call wake the step job once, when the last of them finishes.
  const round = Date.now();
  for (let start = 0; start < asked.length; start += HOSTS_PER_BATCH) {
    const chunk = asked.slice(start, start + HOSTS_PER_BATCH);
    const names = chunk.map(({ host, attempt }) => `${host}#${attempt}`).sort();
    const batch = createHash('sha256').update(names.join('\n')).digest('hex').slice(0, 12);
    batches.push(
      ctx.hostJobs.enqueue(
        chunk.map(({ host, attempt }) => buildHostJob(rollout, planDigest, host, step, { reason, attempt })),
        { rolloutId: rollout.id, batch: `${step}-${batch}`, round },
      ),
    );
  }
  await Promise.all(batches);
}

/**
 * Asks the hosts, then sleeps until the poll: the wake job of the last of these batches to finish cuts the sleep short,
 * so the poll only matters for hosts that go silent.
 */
export async function askHosts(
  ctx: Pick<ControlContext, 'hostJobs' | 'settings'>,
  rollout: Rollout,
  hosts: readonly HostToAsk[],
  step: HostStep,
  waiting: string,
  reason?: string,
): Promise<Drive> {
  await enqueueHostJobs(ctx, rollout, hosts, step, reason);
  return waitFor(ctx.settings.pollMs, waiting);
}
