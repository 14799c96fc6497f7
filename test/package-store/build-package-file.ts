import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildYazlZip } from '../archive/build-yazl-zip.js';

export const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

const made: string[] = [];

export async function makeTempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dten-store-test-'));
  made.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** A small real upgrade package, written where the control plane would find an uploaded file. */
export async function buildPackageFile(name = 'Full-upgrade-package-dten.zip', version = '4.2.0') {
  const bytes = await buildYazlZip([
    { name: 'manifest.json', content: JSON.stringify({ name: 'dten', version }) },
    { name: 'scripts/install.sh', content: '#!/bin/sh\necho installing\n', mode: 0o100755 },
  ]);
  const file = join(await makeTempDir(), name);
  await writeFile(file, bytes);
  return { file, bytes, sha256: sha256Of(bytes) };
}
