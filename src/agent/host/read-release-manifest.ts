import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseManifest } from '../../core/manifest/parse-manifest.js';
import { MANIFEST_PATH, type Manifest } from '../../core/manifest/manifest-schema.js';
import { HostStepError } from './host-step-error.js';

/** The manifest of an unpacked release; its version must be the one the rollout names. */
export async function readReleaseManifest(dir: string, version: string): Promise<Manifest> {
  const text = await readFile(join(dir, MANIFEST_PATH), 'utf8').catch(() => undefined);
  const parsed = text === undefined ? undefined : parseManifest(text);
  const manifest = parsed?.manifest;
  if (manifest === undefined) {
    const problem = parsed?.findings[0]?.message ?? `${MANIFEST_PATH} is missing`;
    throw new HostStepError('version-mismatch', { expected: version, actual: `unknown (${problem})` });
  }
  if (manifest.version !== version) {
    throw new HostStepError('version-mismatch', { expected: version, actual: manifest.version });
  }
  return manifest;
}
