import type { MigrationFailure } from '../postgres/migration-failed.js';

// The words of the migration runner's errors (src/postgres/migration-*.ts): what happened and what to do next.

export function migrationFailedText(
  { id, code, reason, line, step, rolledBack, notRun }: MigrationFailure,
  transient: boolean,
): string {
  if (id === undefined) {
    return `The migration runner could not ${step ?? 'run'}: ${reason} (${code}). Migrations applied before this stay recorded; run the step again once the database is reachable.`;
  }
  const where = line === undefined ? '' : ` at line ${line}`;
  const kept = notRun
    ? 'Nothing of it was run.'
    : rolledBack === false
      ? 'It runs outside a transaction, so statements before that line stay applied; it was not recorded.'
      : 'Its transaction was rolled back and it was not recorded.';
  const next = transient
    ? 'Run the step again once the database is reachable.'
    : 'Fix the migration (or the database state it expects) with the vendor before running the step again.';
  return `Migration ${id} failed${where} with PostgreSQL error ${code}: ${reason}. ${kept} ${next}`;
}

export function migrationChecksumChangedText(p: {
  id: string;
  rolloutId: string;
  recorded: string;
  current: string;
}): string {
  return `Migration ${p.id} was applied by rollout ${p.rolloutId} with checksum ${p.recorded.slice(0, 12)}, but this package carries different SQL under the same id (checksum ${p.current.slice(0, 12)}). Nothing was run. Ask the vendor to ship the change as a new migration instead of editing one that production already ran.`;
}

export function migrationLockTimeoutText(p: { id: string; line: number; rolledBack: boolean }): string {
  const kept = p.rolledBack
    ? 'Its transaction was rolled back'
    : 'It runs outside a transaction, so statements before that line stay applied';
  return `Migration ${p.id} gave up waiting for a lock at line ${p.line} (lock_timeout): another session holds a lock on a table it changes. ${kept} and it was not recorded. Find the blocking session in pg_stat_activity (or wait for it to finish), then run the step again.`;
}

export function migrationNotReversibleText(p: {
  id: string;
  rolloutId: string;
  reason: 'no-down' | 'not-in-package';
}): string {
  const why = p.reason === 'no-down' ? 'has no down migration' : 'is not in the package given to the rollback';
  return `Migration ${p.id}, applied by rollout ${p.rolloutId}, ${why}, so its database changes cannot be rolled back. Nothing was rolled back. Restore the database from the backup taken before the upgrade, or write and review a down migration for ${p.id}.`;
}
