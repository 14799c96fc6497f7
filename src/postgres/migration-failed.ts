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
    super(describeFailure(failure));
    this.name = 'MigrationFailed';
    this.retryable = failure.id === undefined || isTransient(failure.code);
  }

  get id(): string | undefined {
    return this.failure.id;
  }

  get code(): string {
    return this.failure.code;
  }
}

function describeFailure({ id, code, reason, line, step, rolledBack, notRun }: MigrationFailure): string {
  if (id === undefined) {
    return `The migration runner could not ${step ?? 'run'}: ${reason} (${code}). Migrations applied before this stay recorded; run the step again once the database is reachable.`;
  }
  const where = line === undefined ? '' : ` at line ${line}`;
  const kept = notRun
    ? 'Nothing of it was run.'
    : rolledBack === false
      ? 'It runs outside a transaction, so statements before that line stay applied; it was not recorded.'
      : 'Its transaction was rolled back and it was not recorded.';
  const next = isTransient(code)
    ? 'Run the step again once the database is reachable.'
    : 'Fix the migration (or the database state it expects) with the vendor before running the step again.';
  return `Migration ${id} failed${where} with PostgreSQL error ${code}: ${reason}. ${kept} ${next}`;
}

/** Connection loss (08), serialization or deadlock (40), server resources (53), shutdown (57P0x), or no SQLSTATE at all. */
function isTransient(code: string): boolean {
  return !/^[0-9A-Z]{5}$/.test(code) || /^(08|40|53|57P0)/.test(code);
}
