import { z } from 'zod';

// What agents return, read back by the control plane from Redis: loose objects, so a newer agent may add fields.
const healthSchema = z.looseObject({
  healthy: z.boolean(),
  detail: z.string(),
  errorRate: z.number().min(0).max(1).nullish(),
  checkedAt: z.string(),
});

export const HOST_JOB_RESULTS = {
  preflight: z.array(z.looseObject({ check: z.string(), ok: z.boolean(), blocking: z.boolean(), detail: z.string() })),
  install: z.looseObject({ version: z.string(), health: healthSchema }),
  rollback: z.looseObject({
    restoredVersion: z.string().nullish(),
    health: healthSchema.nullish(),
    supersededBy: z.string().nullish(),
  }),
  cleanup: z.array(
    z.looseObject({
      kind: z.string(),
      name: z.string(),
      outcome: z.enum(['done', 'failed', 'manual']),
      detail: z.string(),
    }),
  ),
} as const;

export type HostHealthResult = z.output<typeof healthSchema>;
