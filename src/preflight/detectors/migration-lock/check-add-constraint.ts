import { escapeForDisplay } from '../../../core/findings/escape-for-display.js';
import type { Constraint, RangeVar, SqlStatement } from '../../../libpg-query/parse-sql.js';
import { constraintKey, isCreatedHere, report, tableName, type LintState } from './lint-state.js';

/** ADD CONSTRAINT (or a constraint written inline in ADD COLUMN) on a table that already holds rows. */
export function checkAddConstraint(
  state: LintState,
  statement: SqlStatement,
  relation: RangeVar | undefined,
  constraint: Constraint,
): void {
  const name = constraint.conname ? `${escapeForDisplay(constraint.conname)} ` : '';
  if (constraint.contype === 'CONSTR_CHECK') rememberNotNullCheck(state, relation, constraint);
  if (constraint.skip_validation) return rememberNotValid(state, relation, constraint);
  if (isCreatedHere(state, relation)) return;
  const table = tableName(relation);
  const using = constraint.indexname !== undefined;
  if (constraint.contype === 'CONSTR_FOREIGN') {
    report(state, statement, {
      rule: 'adding-foreign-key-constraint',
      severity: 'warning',
      message: `Adding foreign key ${name}on ${table} takes SHARE ROW EXCLUSIVE locks on ${table} and ${tableName(constraint.pktable)} and scans ${table} to check every row: writes to both tables wait until the scan ends.`,
      remediation: `Add the constraint with NOT VALID (no scan, a brief lock), then run ALTER TABLE ${table} VALIDATE CONSTRAINT … in a separate transaction; validation lets reads and writes continue.`,
    });
  } else if (constraint.contype === 'CONSTR_CHECK') {
    report(state, statement, {
      rule: 'constraint-missing-not-valid',
      severity: 'blocker',
      message: `Adding CHECK constraint ${name}on ${table} holds an ACCESS EXCLUSIVE lock while every row is scanned: reads and writes of ${table} stop until the scan ends.`,
      remediation: `Add it with NOT VALID, then run ALTER TABLE ${table} VALIDATE CONSTRAINT … in a separate transaction (SHARE UPDATE EXCLUSIVE: reads and writes continue).`,
    });
  } else if (constraint.contype === 'CONSTR_UNIQUE' && !using) {
    report(state, statement, {
      rule: 'disallowed-unique-constraint',
      severity: 'blocker',
      message: `Adding UNIQUE constraint ${name}on ${table} builds its index under an ACCESS EXCLUSIVE lock: reads and writes of ${table} stop until the index is built.`,
      remediation: `Build the index first with CREATE UNIQUE INDEX CONCURRENTLY, then ALTER TABLE ${table} ADD CONSTRAINT … UNIQUE USING INDEX … (a brief lock).`,
    });
  } else if (constraint.contype === 'CONSTR_PRIMARY' && !using) {
    report(state, statement, {
      rule: 'adding-serial-primary-key-field',
      severity: 'blocker',
      message: `Adding a PRIMARY KEY ${name}on ${table} builds its index under an ACCESS EXCLUSIVE lock: reads and writes of ${table} stop until the index is built.`,
      remediation: `Build the index first with CREATE UNIQUE INDEX CONCURRENTLY, then ALTER TABLE ${table} ADD CONSTRAINT … PRIMARY KEY USING INDEX … (a brief lock).`,
    });
  } else if (constraint.contype === 'CONSTR_NOTNULL') {
    report(state, statement, {
      rule: 'adding-not-nullable-field',
      severity: 'blocker',
      message: `Adding NOT NULL constraint ${name}on ${table} holds an ACCESS EXCLUSIVE lock while every row is scanned.`,
      remediation: `On PostgreSQL 18 add it with NOT VALID and validate it in a separate transaction; before 18 use a CHECK (… IS NOT NULL) NOT VALID constraint, validate it, then SET NOT NULL.`,
    });
  }
}

function rememberNotValid(state: LintState, relation: RangeVar | undefined, constraint: Constraint): void {
  if (!state.inTransaction || !constraint.conname) return;
  const check = constraint.contype !== 'CONSTR_FOREIGN';
  state.notValid.set(constraintKey(relation, constraint.conname), { transaction: state.transaction, check });
}

/** Remembers `CHECK (col IS NOT NULL)`: once validated, PostgreSQL 12+ sets NOT NULL without a scan. */
function rememberNotNullCheck(state: LintState, relation: RangeVar | undefined, constraint: Constraint): void {
  const test = constraint.raw_expr;
  if (!constraint.conname || !test || !('NullTest' in test) || test.NullTest.nulltesttype !== 'IS_NOT_NULL') return;
  const arg = test.NullTest.arg;
  const field = arg && 'ColumnRef' in arg ? arg.ColumnRef.fields?.at(-1) : undefined;
  if (field && 'String' in field && field.String.sval) {
    state.notNullChecks.set(constraintKey(relation, constraint.conname), field.String.sval);
  }
}
