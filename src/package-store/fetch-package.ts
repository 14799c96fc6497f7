import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyHashing, CopyTooLarge } from './copy-hashing.js';
import { isPackageKey } from './package-key.js';
import { PackageStoreError } from './package-store-error.js';

/** The temporary directories fetchPackage makes start so; one a killed download left behind can be found. */
export const DOWNLOAD_DIR_PREFIX = 'dten-package-';

export interface FetchPackageOptions {
  /** `packageUrl(base, key)` for the control plane's store, or a package URL from a signed job. */
  url: string;
  /**
   * The digest the signed job names; the download is refused unless its bytes hash to it. Left out only for a URL a
   * person typed, whose digest is learnt here and bound into the plan from then on.
   */
  sha256?: string;
  /** Sent as a bearer token; leave it out for URLs that are not dten's store. */
  token?: string;
  /** Where the temporary directory is made (default: the OS temp dir). */
  dir?: string;
  /** PEM of the CA that signed the store's HTTPS certificate, when it is a private one. */
  ca?: string | Buffer;
  /** Gives up when the connection stays silent this long (default 60 s). */
  idleTimeoutMs?: number;
  /** Refuses a download larger than this (by its Content-Length, or as it streams); default: no limit. */
  maxBytes?: number;
}

export interface FetchedPackage {
  path: string;
  sha256: string;
  bytes: number;
  /** Deletes the downloaded file and its temporary directory. */
  remove(): Promise<void>;
}

/** Downloads into a fresh temporary directory while hashing; a digest mismatch deletes the file and is refused. */
export async function fetchPackage(options: FetchPackageOptions): Promise<FetchedPackage> {
  const url = new URL(options.url);
  const shown = `${url.origin}${url.pathname}`; // never the query or userinfo, which may hold secrets
  const name = decodeURIComponent(url.pathname.split('/').pop() ?? '');
  const dir = await mkdtemp(join(options.dir ?? tmpdir(), DOWNLOAD_DIR_PREFIX));
  const remove = (): Promise<void> => rm(dir, { recursive: true, force: true });
  try {
    const response = await get(url, options);
    if (response.statusCode !== 200) {
      response.resume();
      if (response.statusCode === 401) throw new PackageStoreError('unauthorized', { url: shown });
      if (response.statusCode === 404) throw new PackageStoreError('not-found', { key: name });
      throw new PackageStoreError('http-error', { url: shown, detail: `HTTP ${response.statusCode}` });
    }
    const maxBytes = options.maxBytes ?? Infinity;
    const tooLarge = (): PackageStoreError => new PackageStoreError('too-large', { url: shown, maxBytes });
    if (Number(response.headers['content-length'] ?? 0) > maxBytes) {
      response.destroy();
      throw tooLarge();
    }
    const path = join(dir, isPackageKey(name) ? name : 'package.zip');
    const copied = await copyHashing(response, path, maxBytes).catch((error: unknown) => {
      if (error instanceof CopyTooLarge) throw tooLarge();
      throw new PackageStoreError('http-error', { url: shown, detail: (error as Error).message });
    });
    if (options.sha256 !== undefined && copied.sha256 !== options.sha256.toLowerCase())
      throw new PackageStoreError('digest-mismatch', { key: name, expected: options.sha256, actual: copied.sha256 });
    return { path, ...copied, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

function get(url: URL, options: FetchPackageOptions): Promise<IncomingMessage> {
  const headers = options.token === undefined ? {} : { authorization: `Bearer ${options.token}` };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    let response: IncomingMessage | undefined;
    const request = send(url, { headers, timeout: options.idleTimeoutMs ?? 60_000, ca: options.ca }, (answer) =>
      resolve((response = answer)),
    );
    // Mid-body the reader of the response must hear why, or it only learns "aborted".
    request.on('timeout', () => (response ?? request).destroy(new Error('the package store stopped answering')));
    request.on('error', (error) =>
      reject(new PackageStoreError('http-error', { url: `${url.origin}${url.pathname}`, detail: error.message })),
    );
    request.end();
  });
}
