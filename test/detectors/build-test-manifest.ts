import { manifestSchema, type Manifest } from '../../src/core/manifest/manifest-schema.js';

/** A valid manifest for dten 4.2.0 with `extra` laid over it. */
export function buildTestManifest(extra: Record<string, unknown> = {}): Manifest {
  return manifestSchema.parse({
    name: 'dten',
    version: '4.2.0',
    buildDate: '2025-05-01T12:00:00Z',
    upgradeFrom: '>=4.0.0 <4.2.0',
    reboot: 'none',
    ...extra,
  });
}
