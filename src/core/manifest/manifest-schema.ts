import { z } from 'zod';

const relativePath = z.string().min(1);
const configValue = z.union([z.string(), z.number(), z.boolean()]);

const cleanupItem = z.looseObject({
  name: z.string().min(1),
  /** Script inside the package that removes the item; called with the item name as its first argument. */
  hook: relativePath.optional(),
  description: z.string().optional(),
});

export const manifestSchema = z.looseObject({
  name: z.string().min(1),
  version: z.string().min(1),
  buildDate: z.iso.datetime({ offset: true }).or(z.iso.date()),
  /** semver range of versions this package can upgrade from. */
  upgradeFrom: z.string().min(1),
  /** component → semver range (or `*` / `latest`, which preflight calls loose). */
  dependencies: z.record(z.string(), z.string()).default({}),
  reboot: z.enum(['required', 'recommended', 'none']),
  /** The vendor's own downtime claim, for example `5m` or `PT5M`. */
  downtime: z.string().optional(),
  services: z.array(z.looseObject({ unit: z.string().min(1), renamedFrom: z.string().min(1).optional() })).default([]),
  config: z
    .array(
      z.looseObject({
        file: relativePath,
        removed: z.array(z.string().min(1)).default([]),
        required: z.record(z.string(), configValue).default({}),
      }),
    )
    .default([]),
  migrations: relativePath.optional(),
  scripts: z
    .looseObject({
      preinstall: relativePath.optional(),
      install: relativePath.optional(),
      postinstall: relativePath.optional(),
      rollback: relativePath.optional(),
      cleanup: relativePath.optional(),
    })
    .default({}),
  certificates: z.array(relativePath).default([]),
  cleanup: z
    .looseObject({
      featureFlags: z.array(cleanupItem).default([]),
      webhooks: z.array(cleanupItem).default([]),
      credentials: z.array(cleanupItem).default([]),
    })
    .default({ featureFlags: [], webhooks: [], credentials: [] }),
  /** Free text from whoever prepared the package (the team records its decisions here). */
  notes: z.string().optional(),
  /** Health check the agent runs after starting services. */
  healthCheck: z
    .looseObject({
      url: z.string().optional(),
      command: z.array(z.string()).optional(),
      timeoutSeconds: z.number().positive().optional(),
    })
    .optional(),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ConfigValue = z.infer<typeof configValue>;
export const MANIFEST_PATH = 'manifest.json';
