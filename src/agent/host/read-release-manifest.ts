import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseManifest } from '../../core/manifest/parse-manifest.js';
import { MANIFEST_PATH, type Manifest } from '../../core/manifest/manifest-schema.js';
import { decodeTextBytes } from '../../preflight/decode-text-bytes.js';
import { HostStepError } from './host-step-error.js';

/** The manifest of an unpacked release; its version must be the one the rollout names. */
export async function readReleaseManifest(dir: string, version: string): Promise<Manifest> {
  const bytes = await readFile(join(dir, MANIFEST_PATH)).catch(() => undefined);
  if (bytes === undefined) throw new HostStepError('manifest-invalid', { version, problem: `it is missing` });
  const { manifest, findings } = parseManifest(decodeTextBytes(bytes));
  if (manifest === undefined) {
    const more = findings.length > 1 ? ` (and ${findings.length - 1} more)` : '';
    throw new HostStepError('manifest-invalid', { version, problem: `${findings[0]?.message ?? 'unreadable'}${more}` });
  }
  if (manifest.version !== version) {
    throw new HostStepError('version-mismatch', { expected: version, actual: manifest.version });
  }
  return manifest;
}
