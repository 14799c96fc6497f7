import type { z } from 'zod';
import { HOST_JOB_SCHEMAS } from './host-job-schemas.js';
import type { HostJobName, JobName } from './job-names.js';
import { rolloutStepSchema } from './rollout-step-schema.js';
import { rolloutWakeSchema } from './rollout-wake-schema.js';

export const JOB_SCHEMAS = {
  ...HOST_JOB_SCHEMAS,
  'rollout-step': rolloutStepSchema,
  'rollout-wake': rolloutWakeSchema,
} as const;

export type JobData<N extends JobName = JobName> = z.output<(typeof JOB_SCHEMAS)[N]>;

/** A job as BullMQ holds it, typed by its name. */
export type JobPayload = { [N in JobName]: { name: N; data: JobData<N> } }[JobName];
export type HostJobPayload = Extract<JobPayload, { name: HostJobName }>;

/** The signature travels inside the data, so a job is signed as BullMQ stores it: `{ name, data }`. */
export interface SignedJob<P extends JobPayload = JobPayload> {
  name: P['name'];
  data: P['data'] & { signature: string };
}
