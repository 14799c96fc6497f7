import type { HostStep } from '../jobs/job-names.js';
import type { HostJobPayload } from '../jobs/job-payload.js';

/** Where a host job stands, as far as the control plane can tell from the host's queue. */
export type HostJobStatus =
  | { state: 'missing' }
  | { state: 'waiting' }
  | { state: 'completed'; result: unknown }
  | { state: 'failed'; reason: string };

/** How the control plane hands jobs to agents and learns their outcome (BullMQ: one queue per host). */
export interface HostJobPort {
  /**
   * Signs and adds the jobs under their deterministic ids (a job already there, in any state, is left alone) as one
   * batch: when every job of it and of the other batches of its `round` (the batches asked for together) has
   * finished, the rollout's step job is woken at once instead of at its next poll. `batch` names it within the
   * rollout; adding a batch of that name again adds its missing jobs and wakes no one.
   */
  enqueue(jobs: readonly HostJobPayload[], batch: { rolloutId: string; batch: string; round: number }): Promise<void>;
  /** Where each job stands, in the order asked; `jobId` is `hostJobId(job, step)` of this rollout's `step`. */
  statuses(
    scope: { rolloutId: string; step: HostStep },
    jobs: ReadonlyArray<{ hostId: string; jobId: string }>,
  ): Promise<HostJobStatus[]>;
  /**
   * Takes back jobs that have not finished and that no agent holds (waiting, delayed for a retry, or left active by an
   * agent that died, its lock lapsed), so a silent agent that comes back does not run a step nobody watches. Returns
   * the jobs an agent holds: they are left to finish.
   */
  withdraw(jobs: ReadonlyArray<{ hostId: string; jobId: string }>): Promise<Array<{ hostId: string; jobId: string }>>;
}

/** When each host's agent last reported (its heartbeat); undefined for a host that never registered. */
export type LastSeen = (hostIds: readonly string[]) => Promise<Map<string, Date | undefined>>;
