import { checksumMigration } from './checksum-migration.js';
import { MigrationChecksumChanged } from './migration-checksum-changed.js';
import { MigrationNotReversible } from './migration-not-reversible.js';
import type { PackageMigration } from './migration-script.js';
import type { MigrationRecord } from './read-migration-records.js';
import { splitMigrationStatements, type MigrationStatement } from './split-migration-statements.js';

export interface RollbackStep {
  id: string;
  noTransaction: boolean;
  statements: MigrationStatement[];
}

/**
 * The downs of what `rolloutId` applied, last applied first (in the package's order, which is the order they ran).
 * Refuses the whole rollback before anything runs if one of them cannot be undone.
 */
export function planRollback(
  migrations: readonly PackageMigration[],
  records: ReadonlyMap<string, MigrationRecord>,
  rolloutId: string,
): RollbackStep[] {
  const position = new Map(migrations.map((migration, index) => [migration.id, index]));
  const applied = [...records.values()].filter((record) => record.rolloutId === rolloutId);
  const unknown = applied.find((record) => !position.has(record.id));
  if (unknown) throw new MigrationNotReversible(unknown.id, rolloutId, 'not-in-package');
  applied.sort((a, b) => (position.get(b.id) ?? 0) - (position.get(a.id) ?? 0));
  return applied.map((record) => {
    const migration = migrations[position.get(record.id) ?? -1];
    if (migration?.down === undefined) throw new MigrationNotReversible(record.id, rolloutId, 'no-down');
    const checksum = checksumMigration(migration.sql);
    // A down written for other SQL than what ran could destroy data instead of restoring it.
    if (checksum !== record.checksum) {
      throw new MigrationChecksumChanged(record.id, rolloutId, record.checksum, checksum);
    }
    const down = { id: record.id, sql: migration.down.sql, noTransaction: migration.down.noTransaction };
    return { id: record.id, noTransaction: down.noTransaction, statements: splitMigrationStatements(down) };
  });
}
