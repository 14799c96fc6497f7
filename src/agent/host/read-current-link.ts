import { lstat, readlink } from 'node:fs/promises';
import { basename } from 'node:path';
import type { HostLayout } from './host-layout.js';
import { HostStepError } from './host-step-error.js';

export interface CurrentLink {
  /** The link text as stored (`releases/4.2.0`, or `4.1.0` when a vendor script made it): what rollback restores. */
  linkTarget: string;
  /** The last segment of the target, which is the version in dten's layout. */
  version: string;
}

/** What `current` points at; undefined before the first install. A real folder there is refused, never replaced. */
export async function readCurrentLink(layout: HostLayout): Promise<CurrentLink | undefined> {
  const stats = await lstat(layout.currentLink).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (stats === undefined) return undefined;
  if (!stats.isSymbolicLink()) throw new HostStepError('current-not-a-link', { path: layout.currentLink });
  const linkTarget = await readlink(layout.currentLink);
  return { linkTarget, version: basename(linkTarget) };
}
