import { escapeForDisplay } from '../../../core/findings/escape-for-display.js';
import type { AlterTableCmd, RangeVar, SqlStatement } from '../../../libpg-query/parse-sql.js';
import { checkConcurrentlyInTransaction } from './check-concurrently-in-transaction.js';
import { constraintKey, isCreatedHere, report, tableKey, tableName, type LintState } from './lint-state.js';

/** ALTER COLUMN … TYPE / SET NOT NULL, VALIDATE CONSTRAINT and DETACH PARTITION. */
export function checkAlterColumn(
  state: LintState,
  statement: SqlStatement,
  relation: RangeVar | undefined,
  cmd: AlterTableCmd,
): void {
  const table = tableName(relation);
  const column = escapeForDisplay(cmd.name ?? 'the column');
  if (cmd.subtype === 'AT_ValidateConstraint' && cmd.name) return checkValidate(state, statement, relation, cmd.name);
  if (isCreatedHere(state, relation)) return;
  if (cmd.subtype === 'AT_AlterColumnType') {
    report(state, statement, {
      rule: 'changing-column-type',
      severity: 'blocker',
      message: `Changing the type of ${table}.${column} takes an ACCESS EXCLUSIVE lock and, unless the types are binary-compatible, rewrites every row: reads and writes of ${table} stop meanwhile, and clients that read the old type may break.`,
      remediation: `Add a new column of the new type, write to both, backfill in batches, switch readers over, then drop the old column in a later release.`,
    });
  } else if (
    cmd.subtype === 'AT_SetNotNull' &&
    !(state.postgresMajor >= 12 && isProvenNotNull(state, relation, cmd.name ?? ''))
  ) {
    report(state, statement, {
      rule: 'adding-not-nullable-field',
      severity: 'blocker',
      message: `SET NOT NULL on ${table}.${column} holds an ACCESS EXCLUSIVE lock while every row of ${table} is scanned: reads and writes stop until the scan ends.`,
      remediation: `Add CHECK (${column} IS NOT NULL) NOT VALID, VALIDATE it in a separate transaction, then SET NOT NULL (PostgreSQL 12+ skips the scan) and drop the check.`,
    });
  } else if (cmd.subtype === 'AT_DetachPartition' && cmd.def && 'PartitionCmd' in cmd.def) {
    if (cmd.def.PartitionCmd.concurrent) return checkConcurrentlyInTransaction(state, statement, 'DETACH PARTITION');
    report(state, statement, {
      rule: 'require-concurrent-partition-detach',
      severity: 'blocker',
      message: `DETACH PARTITION ${tableName(cmd.def.PartitionCmd.name)} takes an ACCESS EXCLUSIVE lock on ${table}: reads and writes of every partition wait.`,
      remediation: 'Use DETACH PARTITION … CONCURRENTLY (PostgreSQL 14+) in a migration without a transaction.',
    });
  }
}

function checkValidate(state: LintState, statement: SqlStatement, relation: RangeVar | undefined, name: string): void {
  const key = constraintKey(relation, name);
  state.validated.add(key);
  const added = state.notValid.get(key);
  if (!state.inTransaction || added?.transaction !== state.transaction) return;
  report(state, statement, {
    rule: 'constraint-missing-not-valid',
    severity: added.check ? 'blocker' : 'warning',
    message: `Constraint ${escapeForDisplay(name)} is added NOT VALID and validated in the same transaction, so the lock taken by the ADD (${added.check ? 'ACCESS EXCLUSIVE' : 'SHARE ROW EXCLUSIVE'}) is held through the whole validation scan: NOT VALID gains nothing.`,
    remediation: `Commit after the ADD CONSTRAINT … NOT VALID and run VALIDATE CONSTRAINT ${escapeForDisplay(name)} in its own transaction (or its own migration).`,
  });
}

/** A validated CHECK (col IS NOT NULL) in this file, or one named `col_not_null` / `table_col_not_null` validated here. */
function isProvenNotNull(state: LintState, relation: RangeVar | undefined, column: string): boolean {
  const table = tableKey(relation);
  return [...state.validated].some((key) => {
    const [keyTable, name] = key.split('\u0000');
    if (keyTable !== table) return false;
    const checked = state.notNullChecks.get(key);
    return checked !== undefined
      ? checked === column
      : name === `${column}_not_null` || name === `${table}_${column}_not_null`;
  });
}
