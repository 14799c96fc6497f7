import { basename } from 'node:path';
import type { PackageResolver, ResolvedPackage } from '../commands/chat-context.js';
import type { SharedFile } from '../commands/command-request.js';
import { UserError } from '../core/errors/user-error.js';
import { packageTooLargeReason } from '../messages/package-too-large-reason.js';
import type { DirectoryPackageStore } from '../package-store/create-directory-package-store.js';
import { fetchPackage } from '../package-store/fetch-package.js';
import { isPackageKey } from '../package-store/package-key.js';
import { PackageStoreError } from '../package-store/package-store-error.js';

/** Downloads a file shared into chat (Slack: with the bot token) and returns its local path and a remover. */
export type SharedFileDownloader = (file: SharedFile) => Promise<{ path: string; remove(): Promise<void> }>;

/**
 * Packages by store key, https URL or shared file. Whatever comes from outside is put into the package store
 * first, so agents always fetch by key and by the digest the plan binds.
 */
export function createPackageResolver(
  store: DirectoryPackageStore,
  downloadShared?: SharedFileDownloader,
  /** The most a typed URL may download (the archive limit on total bytes); default: no limit. */
  maxDownloadBytes = Infinity,
): PackageResolver {
  const stored = async (name: string, key: string): Promise<ResolvedPackage> => ({
    name,
    path: await store.pathOf(key),
    sha256: await store.digest(key),
    source: { key },
  });
  const putOutside = async (name: string, fetched: { path: string; remove(): Promise<void> }) => {
    try {
      const key = isPackageKey(name) ? name : 'package.zip';
      const put = await store.put(fetched.path, key).catch(async (error: unknown) => {
        // The same name with other bytes: keep both, the new one under its digest.
        if (!(error instanceof PackageStoreError && error.code === 'key-taken')) throw error;
        return store.put(
          fetched.path,
          `${(error as PackageStoreError<'key-taken'>).params.offered.slice(0, 12)}-${key}`,
        );
      });
      return stored(name, put.key);
    } finally {
      await fetched.remove();
    }
  };
  return {
    async resolve(reference, files) {
      try {
        if (/^https?:\/\//i.test(reference)) {
          const url = new URL(reference);
          if (url.protocol !== 'https:')
            throw new UserError('package-unavailable', { reference, reason: 'only https URLs are fetched' });
          const name = basename(decodeURIComponent(url.pathname)) || 'package.zip';
          return await putOutside(name, await fetchPackage({ url: reference, maxBytes: maxDownloadBytes }));
        }
        const shared = files.find((file) => file.name === reference) ?? (files.length === 1 ? files[0] : undefined);
        if (shared && downloadShared) return await putOutside(shared.name, await downloadShared(shared));
        if (!isPackageKey(reference)) {
          throw new UserError('package-unavailable', { reference, reason: 'that is not a package name' });
        }
        return await stored(reference, reference);
      } catch (error) {
        if (error instanceof PackageStoreError) {
          // A typed URL may carry a token in its query: never echo it.
          throw new UserError('package-unavailable', {
            reference: reference.replace(/[?#].*$/, '').slice(0, 200),
            reason: whyUnavailable(error as PackageStoreError, /^https?:\/\//i.test(reference)),
          });
        }
        throw error;
      }
    },
  };
}

/**
 * The clause after "could not be found or fetched:" — short, no trailing period, and about the person's own
 * reference (the agent-facing descriptions talk about the control plane's store and tokens instead).
 */
function whyUnavailable(error: PackageStoreError, typedUrl: boolean): string {
  const p = error.params as Record<string, string>;
  switch (error.code) {
    case 'not-found':
      return typedUrl ? 'the server answered 404 (no such file)' : 'the package store has no such package';
    case 'unauthorized':
      return 'the server asked for credentials (HTTP 401); share the zip into the channel instead';
    case 'http-error':
      return `the download failed (${p.detail})`;
    case 'too-large':
      return packageTooLargeReason(Number(p.maxBytes));
    case 'unsafe-key':
      return 'that name cannot be stored; use a plain file name';
    case 'key-taken':
    case 'digest-mismatch':
      return 'the store holds different bytes under that name; give the package another name';
  }
}
