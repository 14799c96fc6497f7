import { randomBytes } from 'node:crypto';
import { rename, rm, stat, symlink } from 'node:fs/promises';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import { fsyncDirectory } from './fsync-directory.js';
import type { HostLayout } from './host-layout.js';
import { HostStepError } from './host-step-error.js';
import { readCurrentLink } from './read-current-link.js';

/** A release of dten's layout, or a link text recorded earlier (undefined: there was no `current`). */
export type CurrentTarget = { version: string } | { linkTarget: string | undefined };

export interface SwitchedCurrent {
  /** Give this back to switchCurrent to undo the switch. */
  previous: { linkTarget: string | undefined };
  linkTarget: string | undefined;
}

/** Points `current` at a release in one `rename` (a new link beside it, renamed over it): never a moment without one. */
export async function switchCurrent(layout: HostLayout, to: CurrentTarget): Promise<SwitchedCurrent> {
  const before = await readCurrentLink(layout);
  const previous = { linkTarget: before?.linkTarget };
  const linkTarget = await checkCurrentTarget(layout, to);
  if (linkTarget === undefined) {
    await rm(layout.currentLink, { force: true });
    await fsyncDirectory(layout.optDir).catch(() => undefined);
    return { previous, linkTarget };
  }
  const temporary = `${layout.currentLink}.tmp-${randomBytes(6).toString('hex')}`;
  await symlink(linkTarget, temporary);
  try {
    await rename(temporary, layout.currentLink);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await fsyncDirectory(layout.optDir);
  return { previous, linkTarget };
}

/**
 * The link text `current` would get for `to` (undefined: no `current`), refused when it leaves opt/dten or names no
 * release folder there; a rollback asks before it stops anything, so it never leaves the host with nothing to run.
 */
export async function checkCurrentTarget(layout: HostLayout, to: CurrentTarget): Promise<string | undefined> {
  const linkTarget = 'version' in to ? relative(layout.optDir, layout.releaseDir(to.version)) : to.linkTarget;
  if (linkTarget === undefined) return undefined;
  const resolved = resolve(layout.optDir, linkTarget);
  const inside = relative(layout.optDir, resolved);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw new HostStepError('unsafe-path', { what: 'link target for current', path: linkTarget });
  }
  const isDirectory = await stat(resolved).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
  // The last segment is the version in dten's layout, as readCurrentLink reads it.
  if (!isDirectory) throw new HostStepError('release-missing', { version: basename(inside) });
  return linkTarget;
}
