import { escapeForDisplay } from '../../../core/findings/escape-for-display.js';
import { findDoBlockStatements, type DoBlock } from '../../../libpg-query/find-do-block-statements.js';
import { parseSql, type SqlParseError, type SqlStatement } from '../../../libpg-query/parse-sql.js';
import { checkAlterTable } from './check-alter-table.js';
import { checkIndexStatement } from './check-index-statement.js';
import { checkMaintenance } from './check-maintenance.js';
import { checkTimeouts } from './check-timeouts.js';
import { describeUnreadBlockSql } from './describe-unread-block-sql.js';
import { createLintState, tableKey, type LintState } from './lint-state.js';
import { DEFAULT_POSTGRES_MAJOR, type LintOptions, type MigrationHazard } from './migration-hazard.js';

const CHECKS = [checkTimeouts, checkIndexStatement, checkAlterTable, checkMaintenance];

/**
 * Lints one migration (one direction) with PostgreSQL's own parser: which statements take which locks on
 * tables that already hold data. Call `loadSqlParser()` once before the first call.
 */
export function lintMigration(sql: string, options: LintOptions = {}): MigrationHazard[] {
  // psql meta-commands (\set ON_ERROR_STOP, \connect) are not SQL; blanking them keeps every line number.
  const parsed = parseSql(sql.replace(/^[ \t]*\\.*$/gm, ''));
  if (!parsed.ok) return [parsed.tooDeep ? TOO_DEEP : describeParseError(parsed.error)];
  const state = createLintState(options.postgresMajor ?? DEFAULT_POSTGRES_MAJOR, options.assumeInTransaction ?? false);
  for (const statement of parsed.statements) {
    const block = findDoBlockStatements(statement);
    if (block) checkDoBlock(state, block);
    // A DO block read whole takes only the locks of what it runs; one dten could not read may take any.
    if (!block?.complete) checkStatement(state, statement);
  }
  if (state.unreadSql.length > 0) state.hazards.push(describeUnreadBlockSql(state.unreadSql));
  return state.hazards.sort((a, b) => a.line - b.line);
}

/**
 * What a DO block runs is checked like the file's own statements; a DO block is one statement, so one transaction.
 * What an EXECUTE runs is said to be read from it, with what its placeholders stand for.
 */
function checkDoBlock(state: LintState, { statements, unreadSql }: DoBlock): void {
  state.unreadSql.push(...unreadSql);
  if (statements.length === 0) return;
  const outside = state.inTransaction;
  if (!outside) state.transaction += 1;
  state.inTransaction = true;
  for (const each of statements) {
    const before = state.hazards.length;
    checkStatement(state, each);
    if (!each.executed) continue;
    const note = describeExecuted(each.executed.placeholders);
    for (const hazard of state.hazards.slice(before)) hazard.message += note;
  }
  state.inTransaction = outside;
}

function describeExecuted(placeholders: string[]): string {
  const names = placeholders.map(escapeForDisplay);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
  const values = names.length > 1 ? 'values' : 'a value';
  const standing = list ? ` (${list} standing for ${values} the block computes when it runs)` : '';
  return ` This statement is the SQL the EXECUTE on this line runs, read from its string${standing}.`;
}

function checkStatement(state: LintState, statement: SqlStatement): void {
  trackStatement(state, statement);
  for (const check of CHECKS) check(state, statement);
}

/** Transactions opened and closed, and tables created: later statements on them lock nothing anyone waits for. */
function trackStatement(state: LintState, { node }: SqlStatement): void {
  if ('CreateStmt' in node) state.createdTables.add(tableKey(node.CreateStmt.relation));
  if ('CreateTableAsStmt' in node) state.createdTables.add(tableKey(node.CreateTableAsStmt.into?.rel));
  if (!('TransactionStmt' in node)) return;
  const kind = node.TransactionStmt.kind;
  if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') {
    if (!state.inTransaction) state.transaction += 1;
    state.inTransaction = true;
  } else if (kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK' || kind === 'TRANS_STMT_PREPARE') {
    state.inTransaction = false;
  }
}

const TOO_DEEP: MigrationHazard = {
  rule: 'too-deep-to-check',
  severity: 'warning',
  line: 1,
  message:
    'This migration holds a statement nested thousands of levels deep (a long chain such as a || b || …), too deep for the SQL parser dten runs, so nothing in it was checked for locks.',
  remediation:
    'Read the migration by hand before approving, or ask the vendor why a statement is built that way; PostgreSQL itself may refuse it with "stack depth limit exceeded".',
};

function describeParseError(error: SqlParseError): MigrationHazard {
  return {
    rule: 'parse-error',
    severity: 'blocker',
    line: error.line,
    message: `PostgreSQL cannot parse this migration: ${escapeForDisplay(error.message)} (line ${error.line}, column ${error.column}). It will fail when applied, and nothing in it was checked for locks.`,
    remediation: 'Fix the SQL (or ask the vendor for a corrected package) and run the preflight again.',
  };
}
