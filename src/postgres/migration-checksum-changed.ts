import { migrationChecksumChangedText } from '../messages/migration-error-text.js';
import { MigrationError } from './migration-error.js';

/** A migration already applied has different SQL in this package than when it was applied. */
export class MigrationChecksumChanged extends MigrationError {
  readonly retryable = false;

  constructor(
    readonly id: string,
    readonly rolloutId: string,
    readonly recorded: string,
    readonly current: string,
  ) {
    super(migrationChecksumChangedText({ id, rolloutId, recorded, current }));
    this.name = 'MigrationChecksumChanged';
  }
}
