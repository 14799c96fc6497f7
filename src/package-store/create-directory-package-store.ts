import { randomUUID } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import { link, mkdir, open, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { hashFile } from '../preflight/hash-file.js';
import { checkPackageKey } from './check-package-key.js';
import { copyHashing } from './copy-hashing.js';
import { PackageStoreError } from './package-store-error.js';
import type { PackageStore } from './package-store.js';

export interface DirectoryPackageStore extends PackageStore {
  readonly dir: string;
  /** Where the package lies, for an agent on the same machine: no copy needed. */
  pathOf(key: string): Promise<string>;
}

/** Packages as files in one directory. Work files are hidden names, which are never valid keys. */
export function createDirectoryPackageStore(dir: string): DirectoryPackageStore {
  const root = resolve(dir);
  const digests = new Map<string, { identity: string; sha256: string }>();
  const locate = async (key: string): Promise<{ path: string; stats: Stats }> => {
    const path = join(root, checkPackageKey(key));
    const stats = await stat(path).catch(() => undefined);
    if (stats === undefined || !stats.isFile()) throw new PackageStoreError('not-found', { key });
    return { path, stats };
  };
  const digest = async (key: string): Promise<string> => {
    const { path, stats } = await locate(key);
    const identity = `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}`;
    const cached = digests.get(key);
    if (cached?.identity === identity) return cached.sha256;
    const sha256 = await hashFile(path);
    digests.set(key, { identity, sha256 });
    return sha256;
  };
  return {
    dir: root,
    digest,
    pathOf: async (key) => (await locate(key)).path,
    async open(key) {
      const { path, stats } = await locate(key);
      return { bytes: stats.size, stream: createReadStream(path) };
    },
    async put(file, key = basename(file)) {
      const target = join(root, checkPackageKey(key));
      await mkdir(root, { recursive: true });
      const partial = join(root, `.${key}.${randomUUID()}.partial`);
      try {
        const copied = await copyHashing(createReadStream(file), partial);
        // link() never replaces an existing file: two puts racing on one key cannot overwrite each other.
        const linked = await link(partial, target).then(
          () => true,
          (error: NodeJS.ErrnoException) => (error.code === 'EEXIST' ? false : Promise.reject(error)),
        );
        if (!linked) {
          const stored = await digest(key);
          if (stored !== copied.sha256)
            throw new PackageStoreError('key-taken', { key, stored, offered: copied.sha256 });
        } else await syncDirectory(root);
        return { key, ...copied };
      } finally {
        await rm(partial, { force: true });
      }
    },
  };
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  await handle.sync().finally(() => handle.close());
}
