import { createSecureContext } from 'node:tls';
import type { Config } from '../config.js';
import { UserError } from '../core/errors/user-error.js';
import type { Logger } from '../logger.js';
import { createDirectoryPackageStore } from '../package-store/create-directory-package-store.js';
import { servePackageStore, type PackageStoreServer } from '../package-store/serve-package-store.js';
import { readUserFile } from './load-preflight-inputs.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/**
 * The package store for agents on other machines, served where the control plane runs: on DTEN_PACKAGE_LISTEN, to
 * bearers of DTEN_PACKAGE_TOKEN, over HTTPS with DTEN_PACKAGE_TLS_CERT and DTEN_PACKAGE_TLS_KEY. Undefined when
 * DTEN_PACKAGE_LISTEN is unset (agents on this machine read DTEN_PACKAGE_DIR).
 */
export async function servePackagesToAgents(config: Config, log: Logger): Promise<PackageStoreServer | undefined> {
  const listen = config.packageListen;
  if (!listen) return undefined;
  const token = config.packageToken;
  if (!token)
    throw new UserError('config-missing', {
      variable: 'DTEN_PACKAGE_TOKEN',
      why: 'remote agents present it to download packages from DTEN_PACKAGE_LISTEN',
    });
  const tls = await readTls(config.packageTls);
  const address = `${listen.host.includes(':') ? `[${listen.host}]` : listen.host}:${listen.port}`;
  let server: PackageStoreServer;
  try {
    server = await servePackageStore({
      store: createDirectoryPackageStore(config.packageDir),
      token,
      host: listen.host,
      port: listen.port,
      log,
      ...(tls && { tls }),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError('config-invalid', {
      variable: 'DTEN_PACKAGE_LISTEN',
      problem:
        code === 'EADDRINUSE'
          ? `${address} is already in use (only one control plane per machine can serve packages on it)`
          : `dten cannot listen on ${address} (${code ?? 'unknown error'})`,
    });
  }
  log.info({ url: server.url, https: tls !== undefined }, 'serving the package store to remote agents');
  if (!tls && !LOOPBACK.test(listen.host))
    log.warn(
      { address },
      'the package store is served over plain HTTP beyond this machine: the token crosses the network in clear; set DTEN_PACKAGE_TLS_CERT and DTEN_PACKAGE_TLS_KEY, or put TLS in front',
    );
  return server;
}

async function readTls(files: Config['packageTls']): Promise<{ cert: string; key: string } | undefined> {
  const { certFile, keyFile } = files;
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined || keyFile === undefined)
    throw new UserError('config-missing', {
      variable: certFile === undefined ? 'DTEN_PACKAGE_TLS_CERT' : 'DTEN_PACKAGE_TLS_KEY',
      why: 'serving packages over HTTPS needs both the certificate and its private key',
    });
  const [cert, key] = await Promise.all([
    readUserFile(certFile, 'certificate in DTEN_PACKAGE_TLS_CERT'),
    readUserFile(keyFile, 'private key in DTEN_PACKAGE_TLS_KEY'),
  ]);
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    const reason = (error as Error).message.replace(/^error:[0-9A-F]+:/, '');
    throw new UserError('config-invalid', {
      variable: 'DTEN_PACKAGE_TLS_CERT',
      problem: `with DTEN_PACKAGE_TLS_KEY it is not a PEM certificate and its matching private key (${reason})`,
    });
  }
  return { cert, key };
}
