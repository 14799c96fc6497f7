import type { HostJobPayload } from '../jobs/job-payload.js';

/** Where a host job stands, as far as the control plane can tell from the host's queue. */
export type HostJobStatus =
  | { state: 'missing' }
  | { state: 'waiting' | 'active' }
  | { state: 'completed'; result: unknown }
  | { state: 'failed'; reason: string };

/** How the control plane hands jobs to agents and learns their outcome (BullMQ: one queue per host). */
export interface HostJobPort {
  /** Signs and adds the job under its deterministic id; a job already there (in any state) is left alone. */
  enqueue(job: HostJobPayload): Promise<void>;
  /** `jobId` is `hostJobId(job, step)`. */
  status(hostId: string, jobId: string): Promise<HostJobStatus>;
}

/** When each host's agent last reported (its heartbeat); undefined for a host that never registered. */
export type LastSeen = (hostIds: readonly string[]) => Promise<Map<string, Date | undefined>>;
