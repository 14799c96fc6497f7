import type { Node, SqlStatement } from '../../../libpg-query/parse-sql.js';
import { isOptionOn } from './is-option-on.js';
import { isCreatedHere, report, tableName, type LintState } from './lint-state.js';

/** PostgreSQL's LOCKMODE numbering (storage/lockdefs.h): 8 is AccessExclusiveLock. */
const ACCESS_EXCLUSIVE = 8;

/** VACUUM FULL, CLUSTER and LOCK TABLE … ACCESS EXCLUSIVE: the whole table is unavailable while they run. */
export function checkMaintenance(state: LintState, statement: SqlStatement): void {
  const { node } = statement;
  if ('VacuumStmt' in node && node.VacuumStmt.is_vacuumcmd) {
    if (!(node.VacuumStmt.options ?? []).some((option) => isOptionOn(option, 'full'))) return;
    reportRewrite(state, statement, 'VACUUM FULL', relationsOf(node.VacuumStmt.rels));
  } else if ('ClusterStmt' in node) {
    if (isCreatedHere(state, node.ClusterStmt.relation)) return;
    const target = node.ClusterStmt.relation
      ? tableName(node.ClusterStmt.relation)
      : 'every previously clustered table';
    reportRewrite(state, statement, 'CLUSTER', target);
  } else if ('LockStmt' in node && (node.LockStmt.mode ?? ACCESS_EXCLUSIVE) === ACCESS_EXCLUSIVE) {
    const tables = (node.LockStmt.relations ?? []).flatMap((relation) =>
      'RangeVar' in relation ? [relation.RangeVar] : [],
    );
    if (tables.every((table) => isCreatedHere(state, table))) return;
    report(state, statement, {
      rule: 'lock-table-access-exclusive',
      severity: 'blocker',
      message: `LOCK TABLE ${tables.map(tableName).join(', ')} takes an ACCESS EXCLUSIVE lock held until the transaction ends: every read and write of those tables waits.`,
      remediation:
        'Take the weakest lock that protects the change (SHARE blocks writes but not reads), keep the transaction short, and set lock_timeout first.',
    });
  }
}

function reportRewrite(state: LintState, statement: SqlStatement, command: string, target: string): void {
  report(state, statement, {
    rule: 'prefer-repack',
    severity: 'blocker',
    message: `${command} rewrites ${target} under an ACCESS EXCLUSIVE lock: reads and writes stop until the whole table is copied.`,
    remediation:
      'Leave table maintenance out of the upgrade, or use pg_repack or pg_squeeze, which rebuild the table online and hold the exclusive lock only briefly.',
  });
}

function relationsOf(rels: Node[] | undefined): string {
  const names = (rels ?? []).flatMap((rel) =>
    'VacuumRelation' in rel ? [tableName(rel.VacuumRelation.relation)] : [],
  );
  return names.length > 0 ? names.join(', ') : 'every table in the database';
}
