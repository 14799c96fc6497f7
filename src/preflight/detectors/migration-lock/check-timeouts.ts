import type { Node, SqlStatement, VariableSetStmt } from '../../../libpg-query/parse-sql.js';
import { report, type LintState } from './lint-state.js';

/** Statements that take no lock a migration needs to bound: queries, transaction control, settings. */
const LOCK_FREE = new Set(
  'SelectStmt InsertStmt UpdateStmt DeleteStmt MergeStmt TransactionStmt VariableSetStmt VariableShowStmt CopyStmt CallStmt ExplainStmt GrantStmt GrantRoleStmt PrepareStmt ExecuteStmt DeallocateStmt DeclareCursorStmt FetchStmt ClosePortalStmt ListenStmt NotifyStmt UnlistenStmt CheckPointStmt DiscardStmt ConstraintsSetStmt ReassignOwnedStmt SecLabelStmt'.split(
    ' ',
  ),
);
const ZERO = /^0+\s*(us|ms|s|min|h|d)?$/i;

/** squawk's require-timeout-settings: the first statement that takes a lock must come after SET lock_timeout. */
export function checkTimeouts(state: LintState, statement: SqlStatement): void {
  const { node } = statement;
  if ('VariableSetStmt' in node) return rememberSetting(state, node.VariableSetStmt);
  if (LOCK_FREE.has(statement.kind)) return rememberSetConfig(state, node);
  // ANALYZE (a VacuumStmt without is_vacuumcmd) only reads.
  if ('VacuumStmt' in node && !node.VacuumStmt.is_vacuumcmd) return;
  if (state.lockTimeout === 'missing') {
    state.lockTimeout = 'reported';
    report(state, statement, {
      rule: 'require-lock-timeout',
      severity: 'warning',
      message: `This is the first statement that takes a lock, and no SET lock_timeout comes before it: if it waits behind a long-running query, every query on the same object queues behind it and the application stalls.`,
      remediation: `Begin the migration with SET lock_timeout = '5s' (and retry the migration when it times out), so a blocked lock fails fast instead of stalling traffic.`,
    });
  }
  if (state.statementTimeout === 'missing') {
    state.statementTimeout = 'reported';
    report(state, statement, {
      rule: 'require-statement-timeout',
      severity: 'info',
      message:
        'No SET statement_timeout comes before the first statement that takes a lock: a slow statement can hold its lock past the maintenance window.',
      remediation: `Add SET statement_timeout near the top (for example '15min', inside your window), so a runaway statement ends and releases its locks.`,
    });
  }
}

function rememberSetting(state: LintState, set: VariableSetStmt): void {
  const value = set.args?.[0];
  const constant = value && 'A_Const' in value ? value.A_Const : undefined;
  const text = constant?.sval?.sval ?? (constant?.ival ? String(constant.ival.ival ?? 0) : undefined);
  const on = set.kind === 'VAR_SET_VALUE' && !(text !== undefined && ZERO.test(text));
  remember(state, set.name, on);
}

/** `SELECT set_config('lock_timeout', '5s', false)` sets it too. */
function rememberSetConfig(state: LintState, node: Node): void {
  if (!('SelectStmt' in node)) return;
  for (const target of node.SelectStmt.targetList ?? []) {
    const call =
      'ResTarget' in target && target.ResTarget.val && 'FuncCall' in target.ResTarget.val
        ? target.ResTarget.val.FuncCall
        : undefined;
    const name = call?.funcname?.at(-1);
    if (!name || !('String' in name) || name.String.sval !== 'set_config') continue;
    const [setting, value] = call?.args ?? [];
    const settingName = setting && 'A_Const' in setting ? setting.A_Const.sval?.sval : undefined;
    const valueText = value && 'A_Const' in value ? value.A_Const.sval?.sval : undefined;
    remember(state, settingName, valueText !== undefined && !ZERO.test(valueText));
  }
}

function remember(state: LintState, name: string | undefined, on: boolean): void {
  const key = name === 'lock_timeout' ? 'lockTimeout' : name === 'statement_timeout' ? 'statementTimeout' : undefined;
  if (key && state[key] !== 'reported') state[key] = on ? 'set' : 'missing';
}
