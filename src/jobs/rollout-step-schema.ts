import { z } from 'zod';
import { rolloutIdSchema, sha256Schema } from './job-fields.js';

/** The control plane's step job: which rollout to advance, bound to the plan it was approved for. */
export const rolloutStepSchema = z.strictObject({
  rolloutId: rolloutIdSchema,
  planDigest: sha256Schema,
  /** Counts the step jobs of one rollout; part of the job id, so every step is a new job. */
  sequence: z.int().nonnegative(),
  /** The wave this step is waiting on, when it waits on one. */
  wave: z.int().nonnegative().optional(),
});

export type RolloutStepData = z.output<typeof rolloutStepSchema>;
