import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { CONFIG_BACKUP_INDEX, configBackupDir, type ConfigBackupIndex } from './config-backup-index.js';
import { fsyncDirectory } from './fsync-directory.js';
import type { HostLayout } from './host-layout.js';

export interface ConfigBackup extends ConfigBackupIndex {
  dir: string;
  /** True when a rerun found the backup already taken (it is never overwritten). */
  reused: boolean;
}

/**
 * Copies the live config files the manifest names (`config/dten.conf` lives at `etc/dten/dten.conf`) into
 * `var/lib/dten/backups/<rolloutId>/` before anything changes them; a half-taken backup is discarded and retaken.
 */
export async function backupConfig(
  layout: HostLayout,
  rolloutId: string,
  packagePaths: readonly string[],
  now: Date = new Date(),
): Promise<ConfigBackup> {
  const dir = configBackupDir(layout, rolloutId);
  const taken = await readFile(join(dir, CONFIG_BACKUP_INDEX), 'utf8').catch(() => undefined);
  if (taken !== undefined) return { ...(JSON.parse(taken) as ConfigBackupIndex), dir, reused: true };
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true, mode: 0o700 });
  const files: ConfigBackupIndex['files'] = [];
  for (const live of new Set(packagePaths.map((path) => layout.liveConfigFile(path)))) {
    const name = relative(layout.configDir, live);
    const copy = join(partial, 'files', name);
    await mkdir(dirname(copy), { recursive: true, mode: 0o700 });
    const existed = await copyFile(live, copy).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw error;
      },
    );
    files.push({ live: name, existed });
  }
  const index: ConfigBackupIndex = { rolloutId, takenAt: now.toISOString(), files };
  await writeFile(join(partial, CONFIG_BACKUP_INDEX), `${JSON.stringify(index, null, 2)}\n`, { flush: true });
  await rename(partial, dir);
  await fsyncDirectory(layout.backupsDir);
  return { ...index, dir, reused: false };
}
