import { z } from 'zod';

/** Host ids become queue names and job ids, which may not contain `:`. */
export const HOST_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export const batchSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('count'), n: z.int().positive() }),
  z.object({ kind: z.literal('percent'), p: z.number().gt(0).lte(100) }),
]);

export const planWindowSchema = z.object({
  /** Normalised to UTC so the same instant always has the same digest. */
  start: z.iso.datetime({ offset: true }).transform((start) => new Date(start).toISOString()),
  durationMinutes: z.int().positive(),
});

/** Where agents get the package: a key in the package store or an https URL. Its digest is what binds it. */
export const packageSourceSchema = z.union([
  z.strictObject({ key: z.string().min(1).max(255) }),
  z.strictObject({ url: z.url({ protocol: /^https?$/ }) }),
]);

/**
 * The error budget a rollout may spend, from the service level objective: the period's budget is the share of
 * requests the objective lets fail (0.1% at 99.9%) over the period, and one rollout may spend `sharePercent` of it.
 */
export const errorBudgetSchema = z.object({
  /** Requests that must succeed, in percent: 99.9. */
  sloPercent: z.number().gt(0).lt(100),
  periodDays: z.number().positive(),
  /** How much of the period's budget this rollout may spend, in percent. */
  sharePercent: z.number().gt(0).lte(100),
});

export const planSchema = z.object({
  packageDigest: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'a package digest is the 64 hex characters of its sha256')
    .transform((digest) => digest.toLowerCase()),
  packageVersion: z.string().min(1),
  packageSource: packageSourceSchema,
  /** Sorted and without duplicates, so waves and digests do not depend on how they were typed. */
  targets: z
    .array(z.string().regex(HOST_ID, 'a host id is letters, digits, dot, dash or underscore'))
    .min(1)
    .transform((ids) => [...new Set(ids)].sort()),
  canary: z.int().nonnegative().default(0),
  batch: batchSchema,
  /** The rollout stops when failed hosts exceed this number; 0 means the first failure stops it. */
  maxErrors: z.int().nonnegative().default(0),
  bakeSeconds: z.int().nonnegative().default(0),
  window: planWindowSchema,
  requester: z.string().min(1),
  /** Absent: the monitoring blip is shown but gates nothing. */
  errorBudget: errorBudgetSchema.optional(),
});

export type PackageSource = z.output<typeof packageSourceSchema>;
export type Batch = z.output<typeof batchSchema>;
export type PlanWindow = z.output<typeof planWindowSchema>;
export type Plan = z.output<typeof planSchema>;
export type ErrorBudget = z.output<typeof errorBudgetSchema>;
export type PlanInput = z.input<typeof planSchema>;
