import { escapeForDisplay } from '../../../core/findings/escape-for-display.js';
import type { SqlStatement } from '../../../libpg-query/parse-sql.js';
import { checkAddColumn } from './check-add-column.js';
import { checkAddConstraint } from './check-add-constraint.js';
import { checkAlterColumn } from './check-alter-column.js';
import { isCreatedHere, report, tableName, type LintState } from './lint-state.js';

/** ALTER TABLE runs each of its actions under the strongest lock any of them needs. */
export function checkAlterTable(state: LintState, statement: SqlStatement): void {
  const { node } = statement;
  if ('RenameStmt' in node) return checkRename(state, statement);
  if (!('AlterTableStmt' in node) || node.AlterTableStmt.objtype !== 'OBJECT_TABLE') return;
  const { relation, cmds } = node.AlterTableStmt;
  for (const command of cmds ?? []) {
    if (!('AlterTableCmd' in command)) continue;
    const cmd = command.AlterTableCmd;
    if (cmd.subtype === 'AT_AddColumn' && cmd.def && 'ColumnDef' in cmd.def) {
      checkAddColumn(state, statement, relation, cmd.def.ColumnDef);
    } else if (cmd.subtype === 'AT_AddConstraint' && cmd.def && 'Constraint' in cmd.def) {
      checkAddConstraint(state, statement, relation, cmd.def.Constraint);
    } else {
      checkAlterColumn(state, statement, relation, cmd);
    }
  }
}

function checkRename(state: LintState, statement: SqlStatement): void {
  if (!('RenameStmt' in statement.node)) return;
  const { renameType, relation, subname, newname } = statement.node.RenameStmt;
  if (isCreatedHere(state, relation)) return;
  const table = tableName(relation);
  if (renameType === 'OBJECT_COLUMN') {
    report(state, statement, {
      rule: 'renaming-column',
      severity: 'warning',
      message: `Renaming column ${table}.${escapeForDisplay(subname ?? '')} to ${escapeForDisplay(newname ?? '')} breaks every client still using the old name, including the previous release during a rolling upgrade and a rollback.`,
      remediation:
        'Add the new column, write to both and backfill, move readers over, and drop the old column in a later release (or expose the old name through a view).',
    });
  } else if (renameType === 'OBJECT_TABLE') {
    report(state, statement, {
      rule: 'renaming-table',
      severity: 'warning',
      message: `Renaming table ${table} to ${escapeForDisplay(newname ?? '')} breaks every client still using the old name, including the previous release during a rolling upgrade and a rollback.`,
      remediation: `Rename it and, in the same transaction, create a view under the old name (${table}) so old clients keep working; drop the view in a later release.`,
    });
  }
}
