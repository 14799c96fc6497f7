import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { hashFile } from '../preflight/hash-file.js';
import { downloadedPackageName } from './downloaded-package-name.js';
import { fetchPackage, type FetchPackageOptions } from './fetch-package.js';

/**
 * Downloads a package into `dir` as `<sha256>.zip`, verified while it streams, unless a file there already hashes
 * to the digest. The finished file is renamed into place, so that name only ever holds a complete package.
 */
export async function downloadPackage(options: FetchPackageOptions & { sha256: string; dir: string }): Promise<string> {
  const target = join(options.dir, downloadedPackageName(options.sha256));
  const present = await hashFile(target).catch(() => undefined);
  if (present === options.sha256.toLowerCase()) return target;
  const created = await mkdir(options.dir, { recursive: true, mode: 0o750 });
  // A refused download leaves nothing behind, not even the folders made for it.
  const fetched = await fetchPackage(options).catch(async (error: unknown) => {
    if (created !== undefined) await rm(created, { recursive: true, force: true });
    throw error;
  });
  try {
    await rename(fetched.path, target);
  } finally {
    await fetched.remove();
  }
  return target;
}
