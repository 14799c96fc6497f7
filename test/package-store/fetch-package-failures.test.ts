import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { describePackageStoreError } from '../../src/messages/package-store-error-text.js';
import { createDirectoryPackageStore } from '../../src/package-store/create-directory-package-store.js';
import { fetchPackage } from '../../src/package-store/fetch-package.js';
import type { PackageStore } from '../../src/package-store/package-store.js';
import { packageUrl } from '../../src/package-store/package-url.js';
import { servePackageStore } from '../../src/package-store/serve-package-store.js';
import { buildPackageFile, makeTempDir, removeTempDirs } from './build-package-file.js';
import { packageStoreRefusal } from './package-store-refusal.js';
import { listenOnLoopback } from '../helpers/listen-on-loopback.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await removeTempDirs();
});

/** The control plane's real store server, with one package, in front of `wrap(store)`. */
async function startStore(wrap: (store: PackageStore) => PackageStore = (store) => store) {
  const pkg = await buildPackageFile();
  const store = createDirectoryPackageStore(await makeTempDir());
  const { key } = await store.put(pkg.file);
  const token = randomBytes(24).toString('base64url');
  const log = createLogger('silent');
  const server = await servePackageStore({ store: wrap(store), token, log });
  closers.push(() => server.close());
  return { pkg, key, token, base: server.url, downloads: await makeTempDir() };
}

/**
 * A server that goes silent with the connection open: at once (`/quiet.zip`), or after the headers and the first
 * bytes of a package.
 */
async function startStallingServer(): Promise<string> {
  const server = createServer((request, response) => {
    if (request.url === '/packages/quiet.zip') return;
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(1024 * 1024) });
    response.write(Buffer.alloc(64 * 1024, 7));
  });
  const listening = await listenOnLoopback(server);
  closers.push(() => listening.close());
  return listening.url;
}

describe('an agent fetching a package on a bad day', () => {
  it('a package the store does not have is not-found, naming the key, and nothing is left behind', async () => {
    const { token, base, downloads } = await startStore();
    const error = await packageStoreRefusal(
      fetchPackage({ url: packageUrl(base, 'dten-0.0.1.zip'), token, dir: downloads }),
    );
    expect(error.code).toBe('not-found');
    expect(error.params).toEqual({ key: 'dten-0.0.1.zip' });
    expect(await readdir(downloads)).toEqual([]);
  });

  it('a store that fails with a 500 is an http-error naming the status, and nothing is left behind', async () => {
    const { key, token, base, downloads } = await startStore((store) => ({
      put: (file, k) => store.put(file, k),
      open: (k) => store.open(k),
      digest: () => Promise.reject(new Error('EIO: i/o error')),
    }));
    const url = packageUrl(base, key);
    const error = await packageStoreRefusal(fetchPackage({ url, token, dir: downloads }));
    expect(error.code).toBe('http-error');
    expect(error.params).toEqual({ url, detail: 'HTTP 500' });
    expect(describePackageStoreError(error)).toContain(`could not be downloaded from ${url}: HTTP 500.`);
    expect(await readdir(downloads)).toEqual([]);
  });

  it('a store that goes silent mid-download is given up on after the idle timeout, and the partial file is removed', async () => {
    const base = await startStallingServer();
    const downloads = await makeTempDir();
    const started = Date.now();
    const error = await packageStoreRefusal(
      fetchPackage({ url: `${base}/packages/dten.zip`, dir: downloads, idleTimeoutMs: 300 }),
    );
    const waited = Date.now() - started;
    expect(error.params).toEqual({ url: `${base}/packages/dten.zip`, detail: 'the package store stopped answering' });
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(waited).toBeLessThan(5000);
    expect(await readdir(downloads)).toEqual([]);
  });

  it('a store that never answers at all is given up on after the idle timeout, in the same words', async () => {
    const base = await startStallingServer();
    const downloads = await makeTempDir();
    const error = await packageStoreRefusal(
      fetchPackage({ url: `${base}/packages/quiet.zip`, dir: downloads, idleTimeoutMs: 300 }),
    );
    expect(error.params).toEqual({ url: `${base}/packages/quiet.zip`, detail: 'the package store stopped answering' });
    expect(await readdir(downloads)).toEqual([]);
  });

  it('a package larger than maxBytes is refused as too-large and nothing of it is kept', async () => {
    const { pkg, key, token, base, downloads } = await startStore();
    const url = packageUrl(base, key);
    const error = await packageStoreRefusal(
      fetchPackage({ url, token, dir: downloads, maxBytes: pkg.bytes.length - 1 }),
    );
    expect(error.code).toBe('too-large');
    expect(error.params).toEqual({ url, maxBytes: pkg.bytes.length - 1 });
    expect(await readdir(downloads)).toEqual([]);
  });
});
