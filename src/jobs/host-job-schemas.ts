import { z } from 'zod';
import { hostJobBase, jobConfigChangesSchema, jobUnitsSchema, jobWindowSchema } from './job-fields.js';
import type { HostJobName } from './job-names.js';

// Strict objects: a field nobody signed off on (a `command`, a `script`) makes the job a schema refusal.
export const HOST_JOB_SCHEMAS = {
  'host-preflight': z.strictObject({ ...hostJobBase, window: jobWindowSchema }),
  'host-install': z.strictObject({
    ...hostJobBase,
    window: jobWindowSchema,
    /** Copied from the verified manifest when the plan was made; the agent checks them against its own copy. */
    units: jobUnitsSchema,
    configChanges: jobConfigChangesSchema,
    /** Whether this host may take the fleet-wide migration lock and apply what is pending. */
    runMigrations: z.boolean(),
  }),
  'host-cleanup': z.strictObject({ ...hostJobBase }),
  'host-rollback': z.strictObject({
    ...hostJobBase,
    reason: z.string().min(1).max(500),
    /**
     * This host alone goes back (it failed within max errors) while others run the new release on the migrated
     * schema: its rollback leaves the database alone. An agent that does not know the field refuses the job.
     */
    keepMigrations: z.literal(true).optional(),
  }),
} satisfies Record<HostJobName, z.ZodType>;

export type HostJobData<N extends HostJobName = HostJobName> = z.output<(typeof HOST_JOB_SCHEMAS)[N]>;
