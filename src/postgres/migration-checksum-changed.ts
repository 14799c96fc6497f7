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
    super(
      `Migration ${id} was applied by rollout ${rolloutId} with checksum ${recorded.slice(0, 12)}, but this package carries different SQL under the same id (checksum ${current.slice(0, 12)}). Nothing was run. Ask the vendor to ship the change as a new migration instead of editing one that production already ran.`,
    );
    this.name = 'MigrationChecksumChanged';
  }
}
