import { randomBytes } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { get, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createDirectoryPackageStore } from '../../src/package-store/create-directory-package-store.js';
import { fetchPackage } from '../../src/package-store/fetch-package.js';
import type { PackageStore } from '../../src/package-store/package-store.js';
import { packageUrl } from '../../src/package-store/package-url.js';
import { servePackageStore } from '../../src/package-store/serve-package-store.js';
import { makeTempDir, removeTempDirs, sha256Of } from './build-package-file.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await removeTempDirs();
});

/** A big package (large enough that a download is still going when the client leaves) in a real directory store. */
async function bigPackage(): Promise<{ store: PackageStore; key: string; bytes: Buffer }> {
  const bytes = randomBytes(16 * 1024 * 1024);
  const source = join(await makeTempDir(), 'dten-9.9.9.zip');
  await writeFile(source, bytes);
  const store = createDirectoryPackageStore(await makeTempDir());
  const { key } = await store.put(source);
  return { store, key, bytes };
}

/** `store`, keeping every stream it hands out, and waiting at `gate` (when given) before it looks a package up. */
function watched(store: PackageStore, gate: Promise<void> = Promise.resolve()) {
  const opened: ReadStream[] = [];
  const asked: string[] = [];
  const wrapped: PackageStore = {
    put: (file, key) => store.put(file, key),
    digest: async (key) => {
      asked.push(key);
      await gate;
      return store.digest(key);
    },
    open: async (key) => {
      const found = await store.open(key);
      opened.push(found.stream as ReadStream);
      return found;
    },
  };
  return { wrapped, opened, asked };
}

async function serve(store: PackageStore) {
  const token = randomBytes(24).toString('base64url');
  const logLines: string[] = [];
  const log = createLogger('info', { write: (line: string) => void logLines.push(line) });
  const server = await servePackageStore({ store, token, log });
  closers.push(() => server.close());
  const headers = { authorization: `Bearer ${token}` };
  return { server, token, headers, logLines, downloads: await makeTempDir() };
}

/** Starts a GET and resolves once the response headers are in; the body is left unread. */
function startGet(url: string, headers: Record<string, string>): { response: Promise<IncomingMessage>; abort(): void } {
  let abort = (): void => undefined;
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    const request = get(url, { headers, agent: false }, resolve);
    request.on('error', (error) => (error.message === 'socket hang up' ? undefined : reject(error)));
    abort = () => request.destroy();
  });
  return { response, abort };
}

describe('the package store server on a bad day', () => {
  it('a path outside /packages/ is 404 to a caller with the token, and 401 to one without', async () => {
    const { server, headers } = await serve(createDirectoryPackageStore(await makeTempDir()));
    for (const path of ['/', '/etc/passwd', '/packages', '/PACKAGES/dten-9.9.9.zip', '/api/packages/dten-9.9.9.zip']) {
      const answer = await fetch(`${server.url}${path}`, { headers });
      expect({ path, status: answer.status, text: await answer.text() }).toEqual({
        path,
        status: 404,
        text: 'no such path\n',
      });
      expect((await fetch(`${server.url}${path}`)).status).toBe(401);
    }
  });

  it('when the store fails unexpectedly, the caller gets a 500 with only a short reference, which the log also holds', async () => {
    const { store, key } = await bigPackage();
    const failing: PackageStore = {
      put: (file, k) => store.put(file, k),
      open: (k) => store.open(k),
      digest: () => Promise.reject(new Error("EIO: i/o error, read '/srv/dten/packages/dten-9.9.9.zip'")),
    };
    const { server, headers, logLines } = await serve(failing);
    const answer = await fetch(packageUrl(server.url, key), { headers });
    const text = await answer.text();
    expect(answer.status).toBe(500);
    expect(text).toMatch(/^something went wrong \(ref [0-9a-f]{8}\)\n$/);
    const ref = /ref ([0-9a-f]{8})/.exec(text)?.[1];
    const logged = logLines.map((line) => JSON.parse(line) as { msg: string; ref?: string; key?: string });
    expect(logged).toContainEqual(expect.objectContaining({ msg: 'package request failed', ref, key }));
  });

  it('a client that hangs up mid-download neither crashes the server nor leaves the package file open', async () => {
    const { store, key, bytes } = await bigPackage();
    const { wrapped, opened } = watched(store);
    const { server, headers, token, downloads, logLines } = await serve(wrapped);
    const url = packageUrl(server.url, key);
    const download = startGet(url, headers);
    const response = await download.response;
    expect(response.statusCode).toBe(200);
    await new Promise((resolve) => response.once('data', resolve));
    download.abort();
    await vi.waitFor(() => expect(opened.map((stream) => stream.closed)).toEqual([true]), { timeout: 5000 });
    // Routine, not an error: said once at info, without a stack.
    await vi.waitFor(() => expect(logLines.join('')).toContain('an agent hung up before its package download ended'));
    expect(logLines.join('')).not.toContain('package request failed');
    const fetched = await fetchPackage({ url, token, sha256: sha256Of(bytes), dir: downloads });
    expect(fetched.bytes).toBe(bytes.length);
    await vi.waitFor(() => expect(opened.map((stream) => stream.closed)).toEqual([true, true]), { timeout: 5000 });
  });

  it('a client that hangs up while the store is still looking the package up leaves no file open either', async () => {
    const { store, key } = await bigPackage();
    let release = (): void => undefined;
    const { wrapped, opened, asked } = watched(store, new Promise<void>((resolve) => (release = resolve)));
    const { server, headers } = await serve(wrapped);
    const download = startGet(packageUrl(server.url, key), headers);
    await vi.waitFor(() => expect(asked).toEqual([key]));
    download.abort();
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await vi.waitFor(() => expect(opened.map((stream) => stream.closed)).toEqual([true]), { timeout: 5000 });
    expect((await fetch(`${server.url}/packages/missing.zip`, { headers })).status).toBe(404);
  });
});
