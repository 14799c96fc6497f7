import { z } from 'zod';
import { rolloutIdSchema } from './job-fields.js';
import { HOST_STEPS, type HostStep } from './job-names.js';

/**
 * The control plane's wake job: the parent of a batch of host jobs (a BullMQ flow), run when every one of them has
 * finished, to wake the rollout's step job at once instead of at its next poll.
 */
export const rolloutWakeSchema = z.strictObject({
  rolloutId: rolloutIdSchema,
  /** Names the batch within the rollout (its step and a digest of its hosts); part of the job id. */
  batch: z
    .string()
    .regex(new RegExp(`^(${HOST_STEPS.join('|')})-[0-9a-f]{12}$`), 'a batch is a host step and 12 hex characters'),
});

export type RolloutWakeData = z.output<typeof rolloutWakeSchema>;

/** The host step a batch's jobs do: the batch name's first part (the schema holds it to a step name). */
export function batchStep(batch: string): HostStep {
  return batch.slice(0, batch.indexOf('-')) as HostStep;
}
