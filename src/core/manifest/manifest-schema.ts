import { z } from 'zod';
import { packagePathProblem, type PackagePathKind } from './package-path-problem.js';
import { UNIT_SUFFIX, unitNameProblem } from './unit-name-problem.js';

/** A file (or folder) inside the package; `./` in front is dropped, so every reader sees one spelling. */
function packagePath(kind: PackagePathKind) {
  return z
    .string()
    .min(1)
    .superRefine((path, ctx) => {
      const problem = packagePathProblem(path, kind);
      if (problem !== undefined) {
        ctx.addIssue({ code: 'custom', message: `${quote(path)} ${problem}; name a ${kind} inside the package` });
      }
    })
    .transform((path) => (kind === 'file' ? path.replace(/^(\.\/)+/, '') : path));
}

/** A systemd unit; a bare name means its `.service`, as systemctl reads it. */
const unitName = z
  .string()
  .min(1)
  .transform((written, ctx) => {
    const unit = UNIT_SUFFIX.test(written) || written.includes('/') ? written : `${written}.service`;
    const problem = unitNameProblem(unit);
    // The vendor's own spelling in the message: "my service", not the "my service.service" it was read as.
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `${quote(written)} ${problem}` });
    return unit;
  });

function quote(value: string): string {
  const quoted = JSON.stringify(value);
  return quoted.length > 80 ? `${quoted.slice(0, 79)}…` : quoted;
}

const relativePath = packagePath('file');
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
  services: z.array(z.looseObject({ unit: unitName, renamedFrom: unitName.optional() })).default([]),
  config: z
    .array(
      z.looseObject({
        file: relativePath,
        removed: z.array(z.string().min(1)).default([]),
        required: z.record(z.string(), configValue).default({}),
      }),
    )
    .default([]),
  migrations: packagePath('folder').optional(),
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
