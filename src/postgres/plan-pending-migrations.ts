import { checksumMigration } from './checksum-migration.js';
import { MigrationChecksumChanged } from './migration-checksum-changed.js';
import type { MigrationScript } from './migration-script.js';
import type { MigrationRecord } from './read-migration-records.js';
import { splitMigrationStatements, type MigrationStatement } from './split-migration-statements.js';

export interface PendingMigration {
  migration: MigrationScript;
  checksum: string;
  statements: MigrationStatement[];
}

export interface MigrationPlan {
  pending: PendingMigration[];
  /** Already recorded, with the same checksum. */
  skipped: string[];
}

/** Sorts the package's migrations into pending and applied; refuses everything if an applied one changed or one does not parse. */
export function planPendingMigrations(
  migrations: readonly MigrationScript[],
  records: ReadonlyMap<string, MigrationRecord>,
): MigrationPlan {
  const pending: PendingMigration[] = [];
  const skipped: string[] = [];
  for (const migration of migrations) {
    const checksum = checksumMigration(migration.sql);
    const record = records.get(migration.id);
    if (record === undefined) {
      pending.push({ migration, checksum, statements: splitMigrationStatements(migration) });
    } else if (record.checksum !== checksum) {
      throw new MigrationChecksumChanged(migration.id, record.rolloutId, record.checksum, checksum);
    } else {
      skipped.push(migration.id);
    }
  }
  return { pending, skipped };
}
