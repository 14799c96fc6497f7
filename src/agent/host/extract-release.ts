import { lstat, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest } from '../../core/manifest/manifest-schema.js';
import {
  DEFAULT_ARCHIVE_LIMITS,
  type ArchiveLimits,
  type OpenArchive,
  type OpenedArchive,
} from '../../preflight/archive.js';
import { ArchiveRefusal } from '../../core/errors/archive-refusal.js';
import { hashFile } from '../../preflight/hash-file.js';
import { openArchive as openWithYauzl } from '../../yauzl/open-archive.js';
import { fsyncDirectory } from './fsync-directory.js';
import type { HostLayout } from './host-layout.js';
import { HostStepError } from './host-step-error.js';
import { readReleaseManifest } from './read-release-manifest.js';
import { RELEASE_DIGEST_FILE } from './release-digest-file.js';
import { writeArchiveEntries } from './write-archive-entries.js';

export interface ExtractedRelease {
  version: string;
  dir: string;
  sha256: string;
  /** The manifest read from the verified package itself, never from a job. */
  manifest: Manifest;
  /** True when a complete release with the same digest was already there (a rerun). */
  reused: boolean;
  files: number;
}

export interface ExtractReleaseOptions {
  limits?: ArchiveLimits;
  openArchive?: OpenArchive;
}

/**
 * Verifies the package's SHA-256, of the open file its entries are then read from, unpacks it into
 * `releases/<version>.partial` and renames that to `releases/<version>`, so a release folder is complete or absent.
 * A rerun reuses a release with the same digest.
 */
export async function extractRelease(
  layout: HostLayout,
  packageFile: string,
  expected: { sha256: string; version: string },
  options: ExtractReleaseOptions = {},
): Promise<ExtractedRelease> {
  const dir = layout.releaseDir(expected.version);
  const wanted = expected.sha256.toLowerCase();
  const mismatch = (actual: string): HostStepError =>
    new HostStepError('digest-mismatch', { file: packageFile, expected: expected.sha256, actual });
  let archive: OpenedArchive;
  try {
    archive = await (options.openArchive ?? openWithYauzl)(
      { kind: 'file', path: packageFile },
      options.limits ?? DEFAULT_ARCHIVE_LIMITS,
    );
  } catch (error) {
    // A regular file that is not even a readable zip may be the wrong file altogether: its digest says so first.
    // Anything else (missing, a pipe, a device) is never opened here.
    if (!(error instanceof ArchiveRefusal) || error.code === 'not-found') throw error;
    const actual = await hashFile(packageFile).catch(() => undefined);
    throw actual !== undefined && actual !== wanted ? mismatch(actual) : error;
  }
  try {
    // The digest of the open file the entries are read from: a file put at the path meanwhile is never unpacked.
    const sha256 = await archive.sha256();
    if (sha256 !== wanted) throw mismatch(sha256);
    const existing = await readFile(join(dir, RELEASE_DIGEST_FILE), 'utf8').catch(() => undefined);
    if (existing?.trim() === sha256) {
      const manifest = await readReleaseManifest(dir, expected.version);
      return { version: expected.version, dir, sha256, manifest, reused: true, files: 0 };
    }
    if (existing !== undefined || (await isPresent(dir))) {
      throw new HostStepError('release-conflict', {
        version: expected.version,
        expected: sha256,
        found: existing?.trim() ?? 'unknown',
      });
    }
    const { files, manifest } = await unpackRelease(layout, archive, dir, { sha256, version: expected.version });
    return { version: expected.version, dir, sha256, manifest, reused: false, files };
  } finally {
    archive.close();
  }
}

/** Unpacks into `<dir>.partial`, then renames it to `dir`; on any failure the partial folder is removed. */
async function unpackRelease(
  layout: HostLayout,
  archive: OpenedArchive,
  dir: string,
  verified: { sha256: string; version: string },
): Promise<{ files: number; manifest: Manifest }> {
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true, mode: 0o755 });
  try {
    const files = await writeArchiveEntries(archive, partial);
    const manifest = await readReleaseManifest(partial, verified.version);
    await writeFile(join(partial, RELEASE_DIGEST_FILE), `${verified.sha256}\n`, { flush: true });
    await rename(partial, dir);
    await fsyncDirectory(layout.releasesDir);
    return { files, manifest };
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}

async function isPresent(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => error.code !== 'ENOENT',
  );
}
