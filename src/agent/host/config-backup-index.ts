import { join } from 'node:path';
import type { HostLayout } from './host-layout.js';
import { checkPathSegment } from './check-path-segment.js';

/** `backup.json` of a config backup: which live files existed, so restoring also removes files the rollout added. */
export interface ConfigBackupIndex {
  rolloutId: string;
  takenAt: string;
  files: { live: string; existed: boolean }[];
}

export const CONFIG_BACKUP_INDEX = 'backup.json';

export function configBackupDir(layout: HostLayout, rolloutId: string): string {
  return join(layout.backupsDir, checkPathSegment('rollout id', rolloutId));
}
