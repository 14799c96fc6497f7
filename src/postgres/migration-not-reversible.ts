import { MigrationError } from './migration-error.js';

/** A rollback met a migration it cannot undo: the package has no down for it, or does not know it at all. */
export class MigrationNotReversible extends MigrationError {
  readonly retryable = false;

  constructor(
    readonly id: string,
    readonly rolloutId: string,
    readonly reason: 'no-down' | 'not-in-package',
  ) {
    const why = reason === 'no-down' ? 'has no down migration' : 'is not in the package given to the rollback';
    super(
      `Migration ${id}, applied by rollout ${rolloutId}, ${why}, so its database changes cannot be rolled back. Nothing was rolled back. Restore the database from the backup taken before the upgrade, or write and review a down migration for ${id}.`,
    );
    this.name = 'MigrationNotReversible';
  }
}
