import type { MigrationSession } from './open-migration-session.js';
import { findFailedLine, type MigrationStatement } from './split-migration-statements.js';
import { toMigrationError } from './to-migration-error.js';

export interface MigrationStep {
  id: string;
  statements: readonly MigrationStatement[];
  noTransaction: boolean;
  /** The record table change that marks the step done (insert on apply, delete on rollback). */
  bookkeeping: { text: string; values: unknown[] };
}

/**
 * Runs a migration and its bookkeeping in one transaction, so both happen or neither does. A no-transaction
 * migration is recorded right after its last statement: a crash in between re-runs it, so it must be idempotent.
 */
export async function runMigrationStep(session: MigrationSession, step: MigrationStep): Promise<void> {
  const { client, hide } = session;
  const inTransaction = !step.noTransaction;
  let current: MigrationStatement | undefined;
  try {
    if (inTransaction) await client.query('BEGIN');
    for (const statement of step.statements) {
      current = statement;
      await client.query(statement.text);
    }
    current = undefined;
    await client.query(step.bookkeeping.text, step.bookkeeping.values);
    if (inTransaction) await client.query('COMMIT');
  } catch (error) {
    if (inTransaction) await client.query('ROLLBACK').catch(() => undefined);
    const line = current === undefined ? undefined : findFailedLine(current, error);
    throw toMigrationError(error, { hide, id: step.id, inTransaction, ...(line !== undefined ? { line } : {}) });
  }
}
