import { migrationLockTimeoutText } from '../messages/migration-error-text.js';
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
    super(migrationLockTimeoutText({ id, line, rolledBack }));
    this.name = 'MigrationLockTimeout';
  }
}
