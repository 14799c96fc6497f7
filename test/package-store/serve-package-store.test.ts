import { randomBytes } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createDirectoryPackageStore } from '../../src/package-store/create-directory-package-store.js';
import { describePackageStoreError } from '../../src/messages/package-store-error-text.js';
import { fetchPackage } from '../../src/package-store/fetch-package.js';
import { packageUrl } from '../../src/package-store/package-url.js';
import { servePackageStore, type ServePackageStoreOptions } from '../../src/package-store/serve-package-store.js';
import { buildPackageFile, makeTempDir, removeTempDirs, sha256Of } from './build-package-file.js';
import { issueStoreCertificate } from './issue-store-certificate.js';
import { packageStoreRefusal } from './package-store-refusal.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await removeTempDirs();
});

/** A control plane's store with one package in it, served over HTTP(S); everything it logs is kept. */
async function startStore(extra: Partial<ServePackageStoreOptions> = {}) {
  const pkg = await buildPackageFile();
  const store = createDirectoryPackageStore(await makeTempDir());
  const { key } = await store.put(pkg.file);
  const token = randomBytes(24).toString('base64url');
  const logLines: string[] = [];
  const log = createLogger('info', { write: (line: string) => void logLines.push(line) });
  const server = await servePackageStore({ store, token, log, ...extra });
  closers.push(() => server.close());
  return { pkg, store, key, token, server, logLines, url: packageUrl(server.url, key), downloads: await makeTempDir() };
}

describe('packages over HTTP for remote agents', () => {
  it('an agent with the token downloads the package into a temporary file holding exactly the stored bytes', async () => {
    const { pkg, token, url, downloads } = await startStore();
    const fetched = await fetchPackage({ url, token, sha256: pkg.sha256, dir: downloads });
    expect(fetched).toMatchObject({ sha256: pkg.sha256, bytes: pkg.bytes.length });
    expect((await readFile(fetched.path)).equals(pkg.bytes)).toBe(true);
    await fetched.remove();
    expect(await readdir(downloads)).toEqual([]);
  });

  it('without the token, or with a wrong one, the store answers 401 and sends no package', async () => {
    const { pkg, url, downloads } = await startStore();
    const bare = await fetch(url);
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toBe('Bearer realm="dten packages"');
    expect(await bare.text()).toBe('a bearer token is required\n');
    const error = await packageStoreRefusal(
      fetchPackage({ url, token: 'not-the-token', sha256: pkg.sha256, dir: downloads }),
    );
    expect(error.code).toBe('unauthorized');
    expect(describePackageStoreError(error)).toContain("refused the agent's token");
    expect(await readdir(downloads)).toEqual([]);
  });

  it('when the package was tampered with in the store, the agent refuses it and keeps nothing of it', async () => {
    const { pkg, store, key, token, url, downloads } = await startStore();
    const tampered = Buffer.from(pkg.bytes);
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 30) ^ 0xff, tampered.length - 30);
    await writeFile(join(store.dir, key), tampered);
    const error = await packageStoreRefusal(fetchPackage({ url, token, sha256: pkg.sha256, dir: downloads }));
    expect(error.params).toEqual({ key, expected: pkg.sha256, actual: sha256Of(tampered) });
    expect(describePackageStoreError(error)).toContain('does not match its expected digest');
    expect(await readdir(downloads)).toEqual([]);
  });

  it('an unknown package is 404 and a key that tries to leave the store is 400, to a caller with the token', async () => {
    const { server, token } = await startStore();
    const headers = { authorization: `Bearer ${token}` };
    expect((await fetch(`${server.url}/packages/missing.zip`, { headers })).status).toBe(404);
    expect((await fetch(`${server.url}/packages/..%2Fetc%2Fpasswd`, { headers })).status).toBe(400);
    expect((await fetch(`${server.url}/packages/.hidden`, { headers })).status).toBe(400);
    expect((await fetch(`${server.url}/packages/x.zip`, { method: 'DELETE', headers })).status).toBe(405);
  });

  it('neither the real token nor a wrong one ever reaches the log, while each request is logged with its status', async () => {
    const { pkg, token, url, downloads, logLines } = await startStore();
    await (await fetchPackage({ url, token, sha256: pkg.sha256, dir: downloads })).remove();
    await packageStoreRefusal(fetchPackage({ url, token: 'wrong-token-value', sha256: pkg.sha256, dir: downloads }));
    const log = logLines.join('');
    expect(log).not.toContain(token);
    expect(log).not.toContain('wrong-token-value');
    expect(logLines.map((line) => (JSON.parse(line) as { status: number }).status)).toEqual([200, 401]);
  });

  it('over HTTPS with a private certificate, an agent that trusts it downloads the package', async () => {
    const { cert, keyFile } = await issueStoreCertificate(await makeTempDir());
    const { pkg, token, url, downloads } = await startStore({
      tls: { key: await readFile(keyFile), cert },
    });
    expect(url.startsWith('https://127.0.0.1:')).toBe(true);
    const fetched = await fetchPackage({ url, token, sha256: pkg.sha256, dir: downloads, ca: cert });
    expect(fetched.sha256).toBe(pkg.sha256);
    const untrusted = await packageStoreRefusal(fetchPackage({ url, token, sha256: pkg.sha256, dir: downloads }));
    expect(untrusted.code).toBe('http-error');
  });
});
