import type { SqlStatement } from '../../../libpg-query/parse-sql.js';
import { report, type LintState } from './lint-state.js';

/** CONCURRENTLY cannot run inside a transaction block: PostgreSQL refuses it and the migration stops there. */
export function checkConcurrentlyInTransaction(state: LintState, statement: SqlStatement, what: string): void {
  if (!state.inTransaction) return;
  report(state, statement, {
    rule: 'ban-concurrent-index-creation-in-transaction',
    severity: 'blocker',
    message: `${what} CONCURRENTLY runs inside a transaction here, which PostgreSQL refuses ("cannot run inside a transaction block"): the migration will fail at this statement.`,
    remediation:
      'Move the CONCURRENTLY statement into its own migration that runs outside a transaction (no BEGIN/COMMIT around it; for goose add "-- +goose NO TRANSACTION", for sql-migrate "-- +migrate Up notransaction").',
  });
}
