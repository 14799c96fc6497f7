import { migrationNotReversibleText } from '../messages/migration-error-text.js';
import { MigrationError } from './migration-error.js';

/** A rollback met a migration it cannot undo: the package has no down for it, or does not know it at all. */
export class MigrationNotReversible extends MigrationError {
  readonly retryable = false;

  constructor(
    readonly id: string,
    readonly rolloutId: string,
    readonly reason: 'no-down' | 'not-in-package',
  ) {
    super(migrationNotReversibleText({ id, rolloutId, reason }));
    this.name = 'MigrationNotReversible';
  }
}
