import { MigrationError } from './migration-error.js';

/** PostgreSQL gave up waiting for a table lock (lock_timeout, SQLSTATE 55P03) while a migration ran. */
export class MigrationLockTimeout extends MigrationError {
  readonly retryable = true;

  constructor(
    readonly id: string,
    /** 1-based line in the migration of the statement that waited. */
    readonly line: number,
    /** False for a no-transaction migration: statements before `line` stay applied. */
    readonly rolledBack: boolean,
  ) {
    const kept = rolledBack
      ? 'Its transaction was rolled back'
      : 'It runs outside a transaction, so statements before that line stay applied';
    super(
      `Migration ${id} gave up waiting for a lock at line ${line} (lock_timeout): another session holds a lock on a table it changes. ${kept} and it was not recorded. Find the blocking session in pg_stat_activity (or wait for it to finish), then run the step again.`,
    );
    this.name = 'MigrationLockTimeout';
  }
}
