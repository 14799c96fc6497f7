import { escapeForDisplay } from '../../../core/findings/escape-for-display.js';
import { parseSql } from '../../../libpg-query/parse-sql.js';
import type { Migration } from './find-migrations.js';
import type { MigrationHazard } from './migration-hazard.js';
import type { MigrationSections } from './split-migration-sections.js';

const RESTORE_PLAN =
  'or a restore plan (a backup taken just before the upgrade and the steps to restore it) before approving';

/** A migration with no down migration, or with one that does nothing, cannot be rolled back with the upgrade. */
export function checkReversibility(
  migrations: readonly Migration[],
  texts: ReadonlyMap<string, { text: string }>,
  sections: ReadonlyMap<string, MigrationSections>,
): { path: string; hazard: MigrationHazard }[] {
  const found: { path: string; hazard: MigrationHazard }[] = [];
  for (const migration of migrations) {
    if (migration.convention === 'flyway-repeatable') continue;
    const split = sections.get(migration.upPath);
    if (migration.downPath === undefined) {
      found.push({
        path: migration.upPath,
        hazard: {
          rule: 'missing-down-migration',
          severity: 'blocker',
          line: split ? split.up.firstLine - 1 : 0,
          message: `Migration ${escapeForDisplay(migration.id)} has no down migration, so it is not safely reversible: rolling back the upgrade cannot undo what it changes in the database.`,
          remediation: `Ask the vendor for ${escapeForDisplay(expectedDown(migration))}, tested against this release, ${RESTORE_PLAN}.`,
        },
      });
      continue;
    }
    const down = split ? split.down : texts.get(migration.downPath);
    const parsed = down ? parseSql(down.text) : undefined;
    if (parsed?.ok && parsed.statements.length === 0) {
      found.push({
        path: migration.downPath,
        hazard: {
          rule: 'empty-down-migration',
          severity: 'blocker',
          line: split?.down ? split.down.firstLine - 1 : 0,
          message: `The down migration of ${escapeForDisplay(migration.id)} contains no SQL statements, so the migration is not safely reversible: a rollback would leave its changes in place.`,
          remediation: `Ask the vendor for a down migration that undoes ${escapeForDisplay(migration.id)}, ${RESTORE_PLAN}.`,
        },
      });
    }
  }
  return found;
}

function expectedDown(migration: Migration): string {
  const base = migration.upPath;
  switch (migration.convention) {
    case 'up-down-files':
      return base.replace(/\.up\.sql$/i, '.down.sql');
    case 'flyway':
      return base.replace(/(^|\/)V(?=[^/]*$)/, '$1U');
    case 'directory':
      return base.replace(/up\.sql$/i, 'down.sql');
    case 'goose':
      return 'a "-- +goose Down" section in the file';
    case 'sql-migrate':
      return 'a "-- +migrate Down" section in the file';
    default:
      return 'a matching down migration';
  }
}
