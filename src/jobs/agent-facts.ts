import { z } from 'zod';
import { hostIdSchema } from './job-fields.js';

/** What an agent knows about its host, gathered by its probes and registered in Redis. */
export const agentFactsSchema = z.object({
  hostId: hostIdSchema,
  labels: z.record(z.string().min(1), z.string()),
  /** Installed component → version, for the manifest's ranges and dependency checks. */
  components: z.record(z.string().min(1), z.string()),
  /** Units present on the host (running or not), under whichever name it has them. */
  units: z.array(z.string().min(1)),
  scheduledTasks: z.array(
    z.looseObject({
      kind: z.string().min(1),
      name: z.string().min(1),
      /** As written: `0 2 * * *`, `OnCalendar=daily`. */
      schedule: z.string().optional(),
      description: z.string().optional(),
    }),
  ),
  configKeys: z.array(z.string().min(1)),
  freeDiskBytes: z.number().int().nonnegative(),
  agentVersion: z.string().min(1),
  seenAt: z.iso.datetime({ offset: true }),
});

export type AgentFacts = z.output<typeof agentFactsSchema>;
