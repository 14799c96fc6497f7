import { copyFile, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CONFIG_BACKUP_INDEX, configBackupDir, type ConfigBackupIndex } from './config-backup-index.js';
import type { HostLayout } from './host-layout.js';
import { HostStepError } from './host-step-error.js';
import { resolveInside } from './resolve-inside.js';

export interface RestoredConfigFile {
  /** Path under `etc/dten/`. */
  file: string;
  /** `removed`: the file did not exist before the rollout, so the one it created was deleted. */
  action: 'restored' | 'removed';
}

/** The index of this rollout's config backup; `backup-missing` when it is gone. */
export async function readConfigBackup(layout: HostLayout, rolloutId: string): Promise<ConfigBackupIndex> {
  const text = await readFile(join(configBackupDir(layout, rolloutId), CONFIG_BACKUP_INDEX), 'utf8').catch(
    () => undefined,
  );
  if (text === undefined) throw new HostStepError('backup-missing', { rolloutId });
  return JSON.parse(text) as ConfigBackupIndex;
}

/** Puts the live config back exactly as backupConfig found it (configuration-level rollback); safe to repeat. */
export async function restoreConfig(layout: HostLayout, rolloutId: string): Promise<RestoredConfigFile[]> {
  const dir = configBackupDir(layout, rolloutId);
  const index = await readConfigBackup(layout, rolloutId);
  const restored: RestoredConfigFile[] = [];
  for (const { live, existed } of index.files) {
    const target = resolveInside(layout.configDir, live, 'config file in the backup');
    if (!existed) {
      await rm(target, { force: true });
      restored.push({ file: live, action: 'removed' });
      continue;
    }
    // Copied beside the live file, then renamed over it: the service never reads half a config.
    const temporary = `${target}.dten-restore`;
    await mkdir(dirname(target), { recursive: true });
    await copyFile(join(dir, 'files', live), temporary);
    await rename(temporary, target);
    restored.push({ file: live, action: 'restored' });
  }
  return restored;
}
