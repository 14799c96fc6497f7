/** squawk rule → the dten hazard rules that answer it (the suffix after `migration-lock/`). */
export const SQUAWK_RULE_MAP: Readonly<Record<string, readonly string[]>> = {
  'adding-field-with-default': ['adding-field-with-default'],
  'adding-foreign-key-constraint': ['adding-foreign-key-constraint'],
  'adding-not-nullable-field': ['adding-not-nullable-field'],
  'adding-required-field': ['adding-required-field'],
  'adding-serial-primary-key-field': ['adding-serial-primary-key-field'],
  'ban-concurrent-index-creation-in-transaction': ['ban-concurrent-index-creation-in-transaction'],
  'changing-column-type': ['changing-column-type'],
  'constraint-missing-not-valid': ['constraint-missing-not-valid', 'adding-foreign-key-constraint'],
  'disallowed-unique-constraint': ['disallowed-unique-constraint'],
  'prefer-repack': ['prefer-repack'],
  'renaming-column': ['renaming-column'],
  'renaming-table': ['renaming-table'],
  'require-concurrent-index-creation': ['require-concurrent-index-creation'],
  'require-concurrent-index-deletion': ['require-concurrent-index-deletion'],
  'require-concurrent-partition-detach': ['require-concurrent-partition-detach'],
  'require-concurrent-reindex': ['require-concurrent-reindex'],
  'require-timeout-settings': ['require-lock-timeout', 'require-statement-timeout'],
  'require-lock-timeout': ['require-lock-timeout'],
  'require-statement-timeout': ['require-statement-timeout'],
};

const STYLE = 'schema style, not a lock or rollback hazard';
const DATA = 'data loss or compatibility, not a lock hazard (out of this detector’s scope)';
const TRANSACTIONS = 'transaction hygiene, not a lock hazard';

/** Why dten does not implement the rest of squawk's catalogue. */
export const SQUAWK_SKIPPED: Readonly<Record<string, string>> = {
  'ban-char-field': STYLE,
  'identifier-too-long': STYLE,
  'prefer-bigint-over-int': STYLE,
  'prefer-bigint-over-smallint': STYLE,
  'prefer-identity': STYLE,
  'prefer-text-field': STYLE,
  'prefer-timestamptz': STYLE,
  'require-table-schema': STYLE,
  'require-enum-value-ordering': STYLE,
  'prefer-robust-stmts': 'idempotence (IF NOT EXISTS) style, not a lock hazard',
  'ban-drop-column': DATA,
  'ban-drop-table': DATA,
  'ban-drop-database': DATA,
  'ban-drop-not-null': DATA,
  'ban-truncate-cascade': DATA,
  'ban-duplicate-column-assignments': 'a query bug, not a migration lock',
  'ban-uncommitted-transaction': TRANSACTIONS,
  'transaction-nesting': TRANSACTIONS,
  'ban-alter-domain-with-add-constraint': 'domain constraints: not checked by dten yet',
  'ban-create-domain-with-constraint': 'domain constraints: not checked by dten yet',
};

/** Cases where dten disagrees with squawk on purpose, and why (keyed by squawk test name). */
export const SQUAWK_DELIBERATE: Readonly<Record<string, string>> = {
  docs_example_error_on_pg_11: 'PostgreSQL 11 introduced fast defaults: a constant DEFAULT no longer rewrites on 11',
  assuming_in_transaction_ok: 'PostgreSQL refuses CONCURRENTLY in any transaction block, even as the only statement',
  squawk_disable_assume_in_transaction_overrides: 'a squawk-only comment directive dten does not read',
  cluster_below_pg19_ok:
    'dten flags CLUSTER on every version: pg_repack is the online alternative before PostgreSQL 19 too',
  vacuum_full_below_pg19_ok:
    'dten flags VACUUM FULL on every version: pg_repack is the online alternative before PostgreSQL 19 too',
};
