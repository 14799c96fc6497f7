import { escapeForDisplay } from '../../../core/findings/escape-for-display.js';
import type { Node, SqlStatement } from '../../../libpg-query/parse-sql.js';
import { checkConcurrentlyInTransaction } from './check-concurrently-in-transaction.js';
import { isCreatedHere, report, tableName, type LintState } from './lint-state.js';
import { isOptionOn } from './is-option-on.js';

/** CREATE INDEX, DROP INDEX and REINDEX: without CONCURRENTLY they lock the table for the whole build. */
export function checkIndexStatement(state: LintState, statement: SqlStatement): void {
  const { node } = statement;
  if ('IndexStmt' in node) {
    const index = node.IndexStmt;
    if (index.concurrent) return checkConcurrentlyInTransaction(state, statement, 'CREATE INDEX');
    if (isCreatedHere(state, index.relation)) return;
    const table = tableName(index.relation);
    report(state, statement, {
      rule: 'require-concurrent-index-creation',
      severity: 'warning',
      message: `CREATE INDEX${index.idxname ? ` ${escapeForDisplay(index.idxname)}` : ''} on ${table} takes a SHARE lock: every INSERT, UPDATE and DELETE on ${table} waits until the whole index is built.`,
      remediation: `Use CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX CONCURRENTLY (in a migration without a transaction); it takes SHARE UPDATE EXCLUSIVE and lets writes continue.`,
    });
  } else if ('DropStmt' in node && node.DropStmt.removeType === 'OBJECT_INDEX') {
    if (node.DropStmt.concurrent) return checkConcurrentlyInTransaction(state, statement, 'DROP INDEX');
    report(state, statement, {
      rule: 'require-concurrent-index-deletion',
      severity: 'blocker',
      message: `DROP INDEX ${namesOf(node.DropStmt.objects)} takes an ACCESS EXCLUSIVE lock on its table: every read and write of that table waits until the drop finishes, and queues behind any long query already running.`,
      remediation: 'Use DROP INDEX CONCURRENTLY (in a migration without a transaction), one index per statement.',
    });
  } else if ('ReindexStmt' in node) {
    const concurrently = (node.ReindexStmt.params ?? []).some((param) => isOptionOn(param, 'concurrently'));
    if (concurrently) return checkConcurrentlyInTransaction(state, statement, 'REINDEX');
    const { kind, relation, name } = node.ReindexStmt;
    if (kind === 'REINDEX_OBJECT_SYSTEM' || isCreatedHere(state, relation)) return;
    const target = relation ? tableName(relation) : `every table in ${escapeForDisplay(name ?? 'the database')}`;
    report(state, statement, {
      rule: 'require-concurrent-reindex',
      severity: 'blocker',
      message: `REINDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on each index it rebuilds and a SHARE lock on the table: queries that plan on ${target} block, and so do all writes.`,
      remediation: 'Use REINDEX … CONCURRENTLY (PostgreSQL 12+) in a migration without a transaction.',
    });
  }
}

function namesOf(objects: Node[] | undefined): string {
  const names = (objects ?? []).map((object) =>
    'List' in object
      ? (object.List.items ?? []).map((item) => ('String' in item ? item.String.sval : '')).join('.')
      : '',
  );
  return escapeForDisplay(names.filter(Boolean).join(', '));
}
