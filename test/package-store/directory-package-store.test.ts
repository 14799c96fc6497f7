import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterEach, describe, expect, it } from 'vitest';
import { createDirectoryPackageStore } from '../../src/package-store/create-directory-package-store.js';
import { describePackageStoreError } from '../../src/messages/package-store-error-text.js';
import { buildPackageFile, makeTempDir, removeTempDirs, sha256Of } from './build-package-file.js';
import { packageStoreRefusal } from './package-store-refusal.js';

afterEach(removeTempDirs);

describe('the package store in a directory (DTEN_PACKAGE_DIR)', () => {
  it('a package put in the store is stored under its file name with its sha256, and reads back byte for byte', async () => {
    const pkg = await buildPackageFile();
    const store = createDirectoryPackageStore(join(await makeTempDir(), 'packages'));
    const stored = await store.put(pkg.file);
    expect(stored).toEqual({ key: 'Full-upgrade-package-dten.zip', sha256: pkg.sha256, bytes: pkg.bytes.length });
    expect(await store.digest(stored.key)).toBe(pkg.sha256);
    const opened = await store.open(stored.key);
    expect(opened.bytes).toBe(pkg.bytes.length);
    expect((await buffer(opened.stream)).equals(pkg.bytes)).toBe(true);
    expect(sha256Of(await readFile(await store.pathOf(stored.key)))).toBe(pkg.sha256);
    expect(await readdir(store.dir)).toEqual(['Full-upgrade-package-dten.zip']);
  });

  it('putting the same bytes again is a no-op; other bytes under the same name are refused and the stored package stays', async () => {
    const store = createDirectoryPackageStore(await makeTempDir());
    const first = await buildPackageFile('dten.zip', '4.2.0');
    const other = await buildPackageFile('dten.zip', '4.3.0');
    await store.put(first.file);
    await expect(store.put(first.file)).resolves.toMatchObject({ sha256: first.sha256 });
    const error = await packageStoreRefusal(store.put(other.file));
    expect(error.code).toBe('key-taken');
    expect(describePackageStoreError(error)).toContain('Packages are never replaced in place');
    expect(sha256Of(await readFile(join(store.dir, 'dten.zip')))).toBe(first.sha256);
    expect(await readdir(store.dir)).toEqual(['dten.zip']);
  });

  it.each(['../escape.zip', 'nested/dten.zip', '.hidden.zip', 'dten..zip', 'back\\slash.zip', ''])(
    'the key %j is refused before anything touches the disk',
    async (key) => {
      const pkg = await buildPackageFile();
      const dir = join(await makeTempDir(), 'packages');
      const store = createDirectoryPackageStore(dir);
      expect((await packageStoreRefusal(store.put(pkg.file, key))).code).toBe('unsafe-key');
      expect((await packageStoreRefusal(store.open(key))).code).toBe('unsafe-key');
      await expect(readdir(dir)).rejects.toThrow(/ENOENT/);
    },
  );

  it('asking for a package the store does not hold says so, naming the key', async () => {
    const store = createDirectoryPackageStore(await makeTempDir());
    const error = await packageStoreRefusal(store.digest('missing.zip'));
    expect(describePackageStoreError(error)).toBe(
      'The package store has no package called missing.zip. Upload it again, or check DTEN_PACKAGE_DIR on the control plane.',
    );
  });

  it('when a stored file is changed on disk, its digest is computed again rather than remembered', async () => {
    const pkg = await buildPackageFile();
    const store = createDirectoryPackageStore(await makeTempDir());
    const { key } = await store.put(pkg.file);
    expect(await store.digest(key)).toBe(pkg.sha256);
    await writeFile(join(store.dir, key), Buffer.concat([pkg.bytes, Buffer.from('appended')]));
    expect(await store.digest(key)).not.toBe(pkg.sha256);
  });
});
