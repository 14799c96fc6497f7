import { checkPackageKey } from './check-package-key.js';

/** The path `servePackageStore` answers on. */
export const PACKAGES_PATH = '/packages/';

/** `https://control:8443/base` + `dten-4.2.0.zip` → `https://control:8443/base/packages/dten-4.2.0.zip`. */
export function packageUrl(baseUrl: string, key: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return new URL(`${PACKAGES_PATH.slice(1)}${encodeURIComponent(checkPackageKey(key))}`, base).toString();
}
