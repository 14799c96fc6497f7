import { escapeForDisplay } from '../../../core/findings/escape-for-display.js';
import type { Severity } from '../../../core/findings/finding.js';
import type { RangeVar, SqlStatement } from '../../../libpg-query/parse-sql.js';
import { maskSqlLiterals } from '../../../libpg-query/mask-sql-literals.js';
import type { MigrationHazard } from './migration-hazard.js';

/** What a walk through one migration file has learned so far. */
export interface LintState {
  postgresMajor: number;
  inTransaction: boolean;
  /** Increments at every BEGIN, so two statements share a transaction when they see the same number. */
  transaction: number;
  /** Tables created earlier in this file: nobody else can be holding or waiting for their locks. */
  createdTables: Set<string>;
  /** NOT VALID constraints added inside a transaction: name → transaction number and kind. */
  notValid: Map<string, { transaction: number; check: boolean }>;
  /** CHECK (col IS NOT NULL) constraints added in this file: constraintKey → column. */
  notNullChecks: Map<string, string>;
  /** Constraints validated so far (constraintKey): PostgreSQL 12+ trusts a valid IS NOT NULL check. */
  validated: Set<string>;
  lockTimeout: 'missing' | 'set' | 'reported';
  statementTimeout: 'missing' | 'set' | 'reported';
  /** EXECUTEs in DO blocks whose SQL is only known when they run: line and expression. */
  unreadSql: Array<{ line: number; expression: string }>;
  hazards: MigrationHazard[];
}

export function createLintState(postgresMajor: number, assumeInTransaction: boolean): LintState {
  return {
    postgresMajor,
    inTransaction: assumeInTransaction,
    transaction: assumeInTransaction ? 1 : 0,
    createdTables: new Set(),
    notValid: new Map(),
    notNullChecks: new Map(),
    validated: new Set(),
    lockTimeout: 'missing',
    statementTimeout: 'missing',
    unreadSql: [],
    hazards: [],
  };
}

/** Schemas are ignored: `public.orders` and `orders` are the same table to a migration in practice. */
export function tableKey(relation: RangeVar | undefined): string {
  return relation?.relname ?? '';
}

export function constraintKey(relation: RangeVar | undefined, name: string): string {
  return `${tableKey(relation)}\u0000${name}`;
}

export function isCreatedHere(state: LintState, relation: RangeVar | undefined): boolean {
  return state.createdTables.has(tableKey(relation));
}

/** Shows a table as the author wrote it, schema included. */
export function tableName(relation: RangeVar | undefined): string {
  if (!relation?.relname) return 'the table';
  return escapeForDisplay(relation.schemaname ? `${relation.schemaname}.${relation.relname}` : relation.relname);
}

export function report(
  state: LintState,
  statement: SqlStatement,
  hazard: { rule: string; severity: Severity; message: string; remediation: string },
): void {
  state.hazards.push({ ...hazard, line: statement.line, evidence: describeEvidence(statement.text) });
}

/** The first line of some SQL, string literals masked, shortened to 160 characters. */
export function describeEvidence(sql: string): string {
  const firstLine = escapeForDisplay(maskSqlLiterals(sql).split('\n')[0] ?? '');
  return firstLine.length > 160 ? `${firstLine.slice(0, 159)}…` : firstLine;
}
