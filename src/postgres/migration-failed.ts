import { migrationFailedText } from '../messages/migration-error-text.js';
import { MigrationError } from './migration-error.js';

export interface MigrationFailure {
  /** The migration that failed; undefined when the runner failed before or between migrations. */
  id?: string;
  /** PostgreSQL's SQLSTATE (`42P01`), or the system error code (`ECONNREFUSED`) when the server was not reached. */
  code: string;
  /** PostgreSQL's own words, with any part of the connection string masked. */
  reason: string;
  line?: number;
  /** What the runner was doing when no migration was running: `connect to PostgreSQL`, … */
  step?: string;
  /** False for a no-transaction migration: statements before `line` stay applied. */
  rolledBack?: boolean;
  /** The migration was refused before any of it ran (it does not parse, for example). */
  notRun?: boolean;
}

/** A migration's SQL failed, or the runner could not reach or prepare the database. */
export class MigrationFailed extends MigrationError {
  readonly retryable: boolean;

  constructor(readonly failure: MigrationFailure) {
    const transient = isTransient(failure.code);
    super(migrationFailedText(failure, transient));
    this.name = 'MigrationFailed';
    this.retryable = failure.id === undefined || transient;
  }

  get id(): string | undefined {
    return this.failure.id;
  }

  get code(): string {
    return this.failure.code;
  }
}

/** Connection loss (08), serialization or deadlock (40), server resources (53), shutdown (57P0x), or no SQLSTATE at all. */
function isTransient(code: string): boolean {
  return !/^[0-9A-Z]{5}$/.test(code) || /^(08|40|53|57P0)/.test(code);
}
