import { loadSqlParser } from '../libpg-query/parse-sql.js';
import type { PackageMigration } from './migration-script.js';
import type { MigrationSessionOptions } from './migration-session-options.js';
import { openMigrationSession } from './open-migration-session.js';
import { planRollback } from './plan-rollback.js';
import { readMigrationRecords, RECORD_TABLE } from './read-migration-records.js';
import { runMigrationStep } from './run-migration-step.js';
import { withMigrationLock } from './with-migration-lock.js';

export interface RollbackMigrationsOptions extends MigrationSessionOptions {
  /** The migrations of the release being rolled back, with their downs. */
  migrations: readonly PackageMigration[];
  /** Only what this rollout applied is undone; earlier releases' migrations stay. */
  rolloutId: string;
}

export interface RolledBackMigrations {
  /** In the order their downs ran: last applied first. Empty when there was nothing left to undo. */
  rolledBack: string[];
}

/** Runs the downs of what `rolloutId` applied, in reverse, each deleting its record row; refuses first if one has no down. */
export async function rollbackMigrations(options: RollbackMigrationsOptions): Promise<RolledBackMigrations> {
  await loadSqlParser();
  const log = options.log.child({ rolloutId: options.rolloutId });
  return withMigrationLock(options, async (lock) => {
    const session = await openMigrationSession({ ...options, log });
    try {
      const steps = planRollback(options.migrations, await readMigrationRecords(session), options.rolloutId);
      const rolledBack: string[] = [];
      for (const step of steps) {
        lock.assertHeld();
        await session.reset();
        await runMigrationStep(session, {
          ...step,
          bookkeeping: {
            text: `DELETE FROM ${RECORD_TABLE} WHERE id = $1 AND rollout_id = $2`,
            values: [step.id, options.rolloutId],
          },
        });
        rolledBack.push(step.id);
        log.info({ migration: step.id }, 'migration rolled back');
      }
      return { rolledBack };
    } finally {
      await session.close();
    }
  });
}
