import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { checkBearerToken } from './check-bearer-token.js';
import { PackageStoreError, type PackageStoreErrorCode } from './package-store-error.js';
import { PACKAGES_PATH } from './package-url.js';
import type { ServePackageStoreOptions } from './serve-package-store.js';

const STATUS: Partial<Record<PackageStoreErrorCode, number>> = { 'unsafe-key': 400, 'not-found': 404 };

/** Token first (a stranger learns nothing, not even which keys exist), then method, then the package. */
export async function answerPackageRequest(
  options: Pick<ServePackageStoreOptions, 'store' | 'token' | 'log'>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const key = packageKeyOf(request);
  const done = (status: number, text: string, headers: Record<string, string> = {}): void => {
    options.log?.info({ method: request.method, key, status }, 'package request');
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end(`${text}\n`);
  };
  if (!checkBearerToken(request.headers.authorization, options.token))
    return done(401, 'a bearer token is required', { 'www-authenticate': 'Bearer realm="dten packages"' });
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return done(405, 'only GET and HEAD', { allow: 'GET, HEAD' });
  if (key === undefined) return done(404, 'no such path');
  try {
    const sha256 = await options.store.digest(key);
    const opened = await options.store.open(key);
    options.log?.info({ method: request.method, key, status: 200, bytes: opened.bytes }, 'package request');
    response.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': String(opened.bytes),
      'x-dten-sha256': sha256,
    });
    if (request.method !== 'HEAD') return await pipeline(opened.stream, response);
    opened.stream.destroy();
    response.end();
  } catch (error) {
    const code: PackageStoreErrorCode | undefined =
      error instanceof PackageStoreError ? (error as PackageStoreError).code : undefined;
    const status = code === undefined ? undefined : STATUS[code];
    if (status === undefined) throw error;
    done(status, code === 'not-found' ? 'no such package' : 'not a package key');
  }
}

export function packageKeyOf(request: IncomingMessage): string | undefined {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (!path.startsWith(PACKAGES_PATH)) return undefined;
  try {
    return decodeURIComponent(path.slice(PACKAGES_PATH.length));
  } catch {
    return undefined;
  }
}
