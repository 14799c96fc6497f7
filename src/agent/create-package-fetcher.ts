import type { DirectoryPackageStore } from '../package-store/create-directory-package-store.js';
import { downloadPackage } from '../package-store/download-package.js';
import { packageUrl } from '../package-store/package-url.js';
import type { HostLayout } from './host/host-layout.js';
import type { HostStepContext } from './steps/host-step-context.js';

export interface PackageFetcherOptions {
  layout: HostLayout;
  /** DTEN_PACKAGE_URL: the control plane's package store; without it, keys are read from `store`. */
  baseUrl: string | undefined;
  /** DTEN_PACKAGE_TOKEN: sent to the package store's own origin only, never to a URL elsewhere. */
  token: string | undefined;
  /** The directory store (DTEN_PACKAGE_DIR), for agents on the control plane's machine. */
  store: Pick<DirectoryPackageStore, 'pathOf'>;
}

/**
 * How an agent gets a job's package: a key from the package store over HTTP (or from the directory store when no
 * URL is configured), a URL from that URL; downloads land in the host's `var/lib/dten/packages` and are reused.
 */
export function createPackageFetcher(options: PackageFetcherOptions): HostStepContext['fetchPackage'] {
  const { baseUrl } = options;
  const storeOrigin = baseUrl === undefined ? undefined : new URL(baseUrl).origin;
  return async (ref) => {
    let url: string;
    if ('url' in ref) url = ref.url;
    else if (baseUrl === undefined) return options.store.pathOf(ref.key);
    else url = packageUrl(baseUrl, ref.key);
    const token = new URL(url).origin === storeOrigin ? options.token : undefined;
    return downloadPackage({ dir: options.layout.packagesDir, url, sha256: ref.sha256, token });
  };
}
