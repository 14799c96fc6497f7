import { loadSqlParser } from '../libpg-query/parse-sql.js';
import type { MigrationScript } from './migration-script.js';
import type { MigrationSessionOptions } from './migration-session-options.js';
import { openMigrationSession } from './open-migration-session.js';
import { planPendingMigrations } from './plan-pending-migrations.js';
import { readMigrationRecords, RECORD_TABLE } from './read-migration-records.js';
import { runMigrationStep } from './run-migration-step.js';
import { withMigrationLock } from './with-migration-lock.js';

export interface ApplyMigrationsOptions extends MigrationSessionOptions {
  /** In apply order, as `loadPackageMigrations` returns them. */
  migrations: readonly MigrationScript[];
  rolloutId: string;
}

export interface AppliedMigrations {
  applied: string[];
  /** Recorded before this run (by this rollout's earlier attempt, another runner, or an earlier release). */
  skipped: string[];
}

/**
 * Applies the package's pending migrations once for the whole fleet: under dten's advisory lock, each in its own
 * transaction together with its row in `dten_schema_migrations`. Safe to call from every host and to call again.
 */
export async function applyMigrations(options: ApplyMigrationsOptions): Promise<AppliedMigrations> {
  await loadSqlParser();
  const log = options.log.child({ rolloutId: options.rolloutId });
  return withMigrationLock(options, async (lock) => {
    const session = await openMigrationSession({ ...options, log });
    try {
      const { pending, skipped } = planPendingMigrations(options.migrations, await readMigrationRecords(session));
      if (skipped.length > 0) log.info({ skipped }, 'migrations already applied; skipping them');
      const applied: string[] = [];
      for (const { migration, checksum, statements } of pending) {
        lock.assertHeld();
        await session.reset();
        await runMigrationStep(session, {
          id: migration.id,
          statements,
          noTransaction: migration.noTransaction,
          bookkeeping: {
            text: `INSERT INTO ${RECORD_TABLE} (id, rollout_id, checksum) VALUES ($1, $2, $3)`,
            values: [migration.id, options.rolloutId, checksum],
          },
        });
        applied.push(migration.id);
        log.info({ migration: migration.id }, 'migration applied');
      }
      return { applied, skipped };
    } finally {
      await session.close();
    }
  });
}
