import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import { answerPackageRequest, packageKeyOf } from './answer-package-request.js';
import type { PackageStore } from './package-store.js';

export interface ServePackageStoreOptions {
  store: PackageStore;
  /** Agents send it as `Authorization: Bearer <token>`; it is never logged. */
  token: string;
  host?: string;
  port?: number;
  /** PEM key and certificate: serve HTTPS, so the token does not cross the network in clear. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  log?: Logger;
}

export interface PackageStoreServer {
  /** Base URL for `packageUrl`, such as `http://127.0.0.1:40123`. */
  url: string;
  close(): Promise<void>;
}

/** A small HTTP(S) server that hands packages to remote agents by key, to bearers of the token only. */
export async function servePackageStore(options: ServePackageStoreOptions): Promise<PackageStoreServer> {
  if (options.token.length === 0) throw new TypeError('the package store token is empty');
  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    void answerPackageRequest(options, request, response).catch((error: unknown) => {
      // An agent that went away mid-download (killed, restarted, its own timeout) is routine: it asks again.
      if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE' || request.destroyed) {
        options.log?.info({ key: packageKeyOf(request) }, 'an agent hung up before its package download ended');
        response.destroy();
        return;
      }
      const ref = randomUUID().slice(0, 8);
      options.log?.error({ err: error, ref, key: packageKeyOf(request) }, 'package request failed');
      if (!response.headersSent) response.writeHead(500).end(`something went wrong (ref ${ref})\n`);
      else response.destroy();
    });
  };
  const server = options.tls === undefined ? createHttpServer(handle) : createHttpsServer(options.tls, handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `${options.tls === undefined ? 'http' : 'https'}://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}
