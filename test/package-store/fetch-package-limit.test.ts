import { readdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describePackageStoreError } from '../../src/messages/package-store-error-text.js';
import { fetchPackage } from '../../src/package-store/fetch-package.js';
import { PackageStoreError } from '../../src/package-store/package-store-error.js';

const MAX = 64 * 1024;
let server: Server;
let base: string;
let dir: string;
let sentBytes = 0;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dten-fetch-limit-'));
  sentBytes = 0;
  server = createServer((request, response) => {
    const chunk = Buffer.alloc(16 * 1024, 7);
    if (request.url === '/declared.zip') {
      // Says how large it is up front: refused before a byte is written.
      response.writeHead(200, { 'content-length': String(MAX * 100) });
      response.end();
      return;
    }
    // Chunked, no length: a stream that would go on far past the limit.
    response.writeHead(200, { 'content-type': 'application/zip' });
    const size = request.url === '/small.zip' ? MAX : MAX * 1000;
    const pump = (): void => {
      while (sentBytes < size) {
        sentBytes += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', pump);
      }
      response.end();
    };
    response.on('error', () => undefined);
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

const refusal = async (path: string): Promise<PackageStoreError> => {
  const error: unknown = await fetchPackage({ url: `${base}${path}`, dir, maxBytes: MAX }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PackageStoreError);
  return error as PackageStoreError;
};

describe('a package download with a size limit', () => {
  it('is refused by its declared length, leaving nothing behind', async () => {
    const error = await refusal('/declared.zip');
    expect(error.code).toBe('too-large');
    expect(describePackageStoreError(error)).toContain('stopped at 64.0 KiB, the most dten accepts');
    expect(await readdir(dir)).toEqual([]);
  });

  it('is stopped as it streams past the limit, long before the server is done', async () => {
    const error = await refusal('/endless.zip');
    expect(error.code).toBe('too-large');
    expect(sentBytes).toBeLessThan(MAX * 1000);
    expect(await readdir(dir)).toEqual([]);
  });

  it('takes a package of exactly the limit', async () => {
    const fetched = await fetchPackage({ url: `${base}/small.zip`, dir, maxBytes: MAX });
    expect(fetched.bytes).toBe(MAX);
    await fetched.remove();
  });
});
