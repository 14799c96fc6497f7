import type { PackageStoreError } from '../package-store/package-store-error.js';
import { formatBytes } from './format-bytes.js';

/** What happened and what to do, for the person reading the agent's report or the control plane's log. */
export function describePackageStoreError(error: PackageStoreError): string {
  const p = error.params as Record<string, string>;
  switch (error.code) {
    case 'unsafe-key':
      return `"${p.key}" cannot be a package key: use a plain file name without "/", ".." or a leading dot.`;
    case 'not-found':
      return `The package store has no package called ${p.key}. Upload it again, or check DTEN_PACKAGE_DIR on the control plane.`;
    case 'key-taken':
      return `The package store already holds a different ${p.key} (sha256 ${p.stored}, offered ${p.offered}). Packages are never replaced in place: give the new one another name.`;
    case 'digest-mismatch':
      return `The downloaded ${p.key} does not match its expected digest (expected sha256 ${p.expected}, got ${p.actual}), so it was deleted and not used. The file changed in the store or on the way: compare it with the one that was approved.`;
    case 'unauthorized':
      return `The package store at ${p.url} refused the agent's token. Check that the agent and the control plane share the same package store token.`;
    case 'http-error':
      return `The package could not be downloaded from ${p.url}: ${p.detail}. Check that the control plane's package store is running and reachable from this host.`;
    case 'too-large':
      return `The download from ${p.url} was stopped at ${formatBytes(Number(p.maxBytes))}, the most dten accepts for a package (DTEN_MAX_TOTAL_BYTES). Raise the limit if the package really is that large.`;
  }
}
