import { z } from 'zod';
import { HOST_ID } from '../core/rollout/plan.js';
import { PACKAGE_KEY } from '../package-store/package-key.js';

/** Rollout and host ids end up in queue names and job ids, which may not contain `:`. */
export const rolloutIdSchema = z.string().regex(HOST_ID, 'a rollout id is letters, digits, dot, dash or underscore');
export const hostIdSchema = z.string().regex(HOST_ID, 'a host id is letters, digits, dot, dash or underscore');
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'a digest is 64 lower-case hex characters of sha256');

const packageFields = { version: z.string().min(1).max(128), sha256: sha256Schema };

/** Where the agent gets the package: a key in the package store, or a URL. Never both. */
export const packageRefSchema = z.union([
  z.strictObject({ ...packageFields, key: z.string().regex(PACKAGE_KEY, 'a package key is a plain file name') }),
  z.strictObject({ ...packageFields, url: z.url({ protocol: /^https?$/ }) }),
]);

export const jobWindowSchema = z
  .strictObject({ start: z.iso.datetime({ offset: true }), end: z.iso.datetime({ offset: true }) })
  .refine((window) => Date.parse(window.end) > Date.parse(window.start), 'the window must end after it starts');

/** Units as the manifest names them; a renamed unit is stopped under its old name and started under its new one. */
export const jobUnitsSchema = z.array(
  z.strictObject({ unit: z.string().min(1).max(256), renamedFrom: z.string().min(1).max(256).optional() }),
);

export const jobConfigChangesSchema = z.array(
  z.strictObject({
    file: z.string().min(1).max(1024),
    required: z.record(z.string().min(1), z.union([z.string(), z.number(), z.boolean()])),
    removed: z.array(z.string().min(1)),
  }),
);

/** What every host job carries: which rollout, which host, which try, which plan, which package. */
export const hostJobBase = {
  rolloutId: rolloutIdSchema,
  hostId: hostIdSchema,
  /** The rollout's own retry counter for this host and step (not BullMQ's attemptsMade); part of the job id. */
  attempt: z.int().positive(),
  planDigest: sha256Schema,
  package: packageRefSchema,
};

export type PackageRef = z.infer<typeof packageRefSchema>;
export type JobWindow = z.infer<typeof jobWindowSchema>;
