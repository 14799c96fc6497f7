import { escapeForDisplay } from '../../../core/findings/escape-for-display.js';
import type { ColumnDef, Constraint, RangeVar, SqlStatement } from '../../../libpg-query/parse-sql.js';
import { checkAddConstraint } from './check-add-constraint.js';
import { describeColumnRewrite } from './describe-column-rewrite.js';
import { isCreatedHere, report, tableName, type LintState } from './lint-state.js';

const INLINE_CONSTRAINTS = new Set(['CONSTR_CHECK', 'CONSTR_FOREIGN', 'CONSTR_UNIQUE', 'CONSTR_PRIMARY']);

/** ADD COLUMN on an existing table: a rewrite (volatile default, serial, stored generated) or a column that cannot be filled. */
export function checkAddColumn(
  state: LintState,
  statement: SqlStatement,
  relation: RangeVar | undefined,
  column: ColumnDef,
): void {
  if (isCreatedHere(state, relation)) return;
  const constraints = (column.constraints ?? []).flatMap((node) => ('Constraint' in node ? [node.Constraint] : []));
  const table = tableName(relation);
  const name = escapeForDisplay(column.colname ?? 'the column');
  const rewrite = describeColumnRewrite(state.postgresMajor, column, constraints);
  if (rewrite) {
    report(state, statement, {
      rule: 'adding-field-with-default',
      severity: 'blocker',
      message: `ADD COLUMN ${name} on ${table} with ${rewrite.reason} rewrites every row of ${table} under an ACCESS EXCLUSIVE lock: reads and writes stop until the rewrite ends.`,
      remediation: rewrite.remedy,
    });
  } else if (isRequired(constraints)) {
    report(state, statement, {
      rule: 'adding-required-field',
      severity: 'warning',
      message: `ADD COLUMN ${name} on ${table} is NOT NULL without a default: as soon as ${table} holds a row, PostgreSQL refuses it ("contains null values") and the migration stops.`,
      remediation: `Give the column a constant DEFAULT (no rewrite on PostgreSQL 11+), or add it nullable, backfill, and add NOT NULL through a validated CHECK (${name} IS NOT NULL) constraint.`,
    });
  }
  for (const constraint of constraints) {
    if (INLINE_CONSTRAINTS.has(constraint.contype ?? '')) checkAddConstraint(state, statement, relation, constraint);
  }
}

function isRequired(constraints: Constraint[]): boolean {
  const kinds = new Set(constraints.map((constraint) => constraint.contype));
  return (
    kinds.has('CONSTR_NOTNULL') &&
    !kinds.has('CONSTR_DEFAULT') &&
    !kinds.has('CONSTR_GENERATED') &&
    !kinds.has('CONSTR_IDENTITY')
  );
}
