import { beforeAll, describe, it, expect } from 'vitest';
import { escapeForDisplay } from '../../src/core/findings/escape-for-display.js';
import { loadSqlParser } from '../../src/libpg-query/parse-sql.js';
import { lintMigration } from '../../src/preflight/detectors/migration-lock/lint-migration.js';

beforeAll(() => loadSqlParser());

const rulesOf = (sql: string, options = {}): string[] => lintMigration(sql, options).map((hazard) => hazard.rule);

/** Each rule with the bad form (on a table that already exists) and the rewrite its remediation asks for. */
const RULES = [
  {
    story: 'an index is built without CONCURRENTLY',
    rule: 'require-concurrent-index-creation',
    severity: 'warning',
    bad: 'CREATE INDEX orders_customer_idx ON orders (customer_id);',
    safe: 'CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);',
  },
  {
    story: 'an index is dropped without CONCURRENTLY',
    rule: 'require-concurrent-index-deletion',
    severity: 'blocker',
    bad: 'DROP INDEX orders_customer_idx;',
    safe: 'DROP INDEX CONCURRENTLY orders_customer_idx;',
  },
  {
    story: 'CREATE INDEX CONCURRENTLY sits between BEGIN and COMMIT',
    rule: 'ban-concurrent-index-creation-in-transaction',
    severity: 'blocker',
    bad: 'BEGIN;\nCREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\nCOMMIT;',
    safe: 'BEGIN;\nUPDATE orders SET note = NULL WHERE false;\nCOMMIT;\nCREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);',
  },
  {
    story: 'a column changes type',
    rule: 'changing-column-type',
    severity: 'blocker',
    bad: 'ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);',
    safe: 'ALTER TABLE orders ADD COLUMN total_v2 numeric(12,2);',
  },
  {
    story: 'a foreign key is added without NOT VALID',
    rule: 'adding-foreign-key-constraint',
    severity: 'warning',
    bad: 'ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);',
    safe: 'ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;',
  },
  {
    story: 'a CHECK constraint is added without NOT VALID',
    rule: 'constraint-missing-not-valid',
    severity: 'blocker',
    bad: 'ALTER TABLE accounts ADD CONSTRAINT positive_balance CHECK (balance >= 0);',
    safe: 'ALTER TABLE accounts ADD CONSTRAINT positive_balance CHECK (balance >= 0) NOT VALID;\nALTER TABLE accounts VALIDATE CONSTRAINT positive_balance;',
  },
  {
    story: 'a NOT VALID constraint is validated in the same transaction',
    rule: 'constraint-missing-not-valid',
    severity: 'blocker',
    bad: 'BEGIN;\nALTER TABLE accounts ADD CONSTRAINT positive_balance CHECK (balance >= 0) NOT VALID;\nALTER TABLE accounts VALIDATE CONSTRAINT positive_balance;\nCOMMIT;',
    safe: 'BEGIN;\nALTER TABLE accounts ADD CONSTRAINT positive_balance CHECK (balance >= 0) NOT VALID;\nCOMMIT;\nBEGIN;\nALTER TABLE accounts VALIDATE CONSTRAINT positive_balance;\nCOMMIT;',
  },
  {
    story: 'a UNIQUE constraint builds its own index',
    rule: 'disallowed-unique-constraint',
    severity: 'blocker',
    bad: 'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);',
    safe: 'CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON users (email);\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;',
  },
  {
    story: 'a PRIMARY KEY builds its own index',
    rule: 'adding-serial-primary-key-field',
    severity: 'blocker',
    bad: 'ALTER TABLE events ADD PRIMARY KEY (id);',
    safe: 'CREATE UNIQUE INDEX CONCURRENTLY events_pk_idx ON events (id);\nALTER TABLE events ADD CONSTRAINT events_pk PRIMARY KEY USING INDEX events_pk_idx;',
  },
  {
    story: 'SET NOT NULL scans the table',
    rule: 'adding-not-nullable-field',
    severity: 'blocker',
    bad: 'ALTER TABLE users ALTER COLUMN email SET NOT NULL;',
    safe: 'ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT users_email_nn;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;',
  },
  {
    story: 'a column is added with a volatile default',
    rule: 'adding-field-with-default',
    severity: 'blocker',
    bad: 'ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();',
    safe: "ALTER TABLE orders ADD COLUMN created_at timestamptz DEFAULT now(), ADD COLUMN state text DEFAULT 'new';",
  },
  {
    story: 'a NOT NULL column is added without a default',
    rule: 'adding-required-field',
    severity: 'warning',
    bad: 'ALTER TABLE users ADD COLUMN plan text NOT NULL;',
    safe: "ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free';",
  },
  {
    story: 'a column is renamed',
    rule: 'renaming-column',
    severity: 'warning',
    bad: 'ALTER TABLE users RENAME COLUMN mail TO email;',
    safe: 'ALTER TABLE users ADD COLUMN email text;',
  },
  {
    story: 'a table is renamed',
    rule: 'renaming-table',
    severity: 'warning',
    bad: 'ALTER TABLE clients RENAME TO customers;',
    safe: 'CREATE TABLE customers (id bigint);\nALTER TABLE customers RENAME TO clients;',
  },
  {
    story: 'VACUUM FULL rewrites a table',
    rule: 'prefer-repack',
    severity: 'blocker',
    bad: 'VACUUM (FULL) orders;',
    safe: 'VACUUM (FULL false, ANALYZE) orders;',
  },
  {
    story: 'CLUSTER rewrites a table',
    rule: 'prefer-repack',
    severity: 'blocker',
    bad: 'CLUSTER orders USING orders_pkey;',
    safe: 'ANALYZE orders;',
  },
  {
    story: 'LOCK TABLE takes ACCESS EXCLUSIVE',
    rule: 'lock-table-access-exclusive',
    severity: 'blocker',
    bad: 'BEGIN;\nLOCK TABLE orders;\nCOMMIT;',
    safe: 'BEGIN;\nLOCK TABLE orders IN SHARE MODE;\nCOMMIT;',
  },
  {
    story: 'REINDEX runs without CONCURRENTLY',
    rule: 'require-concurrent-reindex',
    severity: 'blocker',
    bad: 'REINDEX INDEX orders_customer_idx;',
    safe: 'REINDEX INDEX CONCURRENTLY orders_customer_idx;',
  },
  {
    story: 'a partition is detached without CONCURRENTLY',
    rule: 'require-concurrent-partition-detach',
    severity: 'blocker',
    bad: 'ALTER TABLE events DETACH PARTITION events_2020;',
    safe: 'ALTER TABLE events DETACH PARTITION events_2020 CONCURRENTLY;',
  },
  {
    story: 'DDL runs before any SET lock_timeout',
    rule: 'require-lock-timeout',
    severity: 'warning',
    bad: 'ALTER TABLE users ADD COLUMN bio text;\nSET lock_timeout = 5000;',
    safe: "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN bio text;",
  },
  {
    story: 'DDL runs before any SET statement_timeout',
    rule: 'require-statement-timeout',
    severity: 'info',
    bad: "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN bio text;",
    safe: "SELECT set_config('statement_timeout', '15min', false);\nALTER TABLE users ADD COLUMN bio text;",
  },
] as const;

describe('lintMigration', () => {
  for (const { story, rule, severity, bad, safe } of RULES) {
    it(`when ${story}, ${rule} is reported as a ${severity} with its lock and safe rewrite, and the rewrite passes`, () => {
      const hazard = lintMigration(bad).find((found) => found.rule === rule);
      expect(hazard?.severity).toBe(severity);
      expect(hazard?.message.length).toBeGreaterThan(40);
      expect(hazard?.remediation.length).toBeGreaterThan(30);
      expect(rulesOf(safe)).not.toContain(rule);
    });
  }

  it('when lock-taking messages name a lock, they name the one PostgreSQL takes', () => {
    const [dropIndex] = lintMigration("SET lock_timeout = '1s'; SET statement_timeout = '1min'; DROP INDEX i;");
    expect(dropIndex?.message).toContain('ACCESS EXCLUSIVE');
    expect(dropIndex?.remediation).toContain('DROP INDEX CONCURRENTLY');
    const [foreignKey] = lintMigration(
      "SET lock_timeout = '1s'; SET statement_timeout = '1min'; ALTER TABLE a ADD FOREIGN KEY (b) REFERENCES c (id);",
    );
    expect(foreignKey?.message).toContain('SHARE ROW EXCLUSIVE');
    expect(foreignKey?.remediation).toContain('NOT VALID');
  });

  it('when statements touch a table created earlier in the same migration, nothing but the timeout advice is reported', () => {
    const sql = [
      'CREATE TABLE invoices (id bigint, customer_id bigint, total int);',
      'CREATE INDEX invoices_customer_idx ON invoices (customer_id);',
      'ALTER TABLE invoices ADD CONSTRAINT invoices_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);',
      'ALTER TABLE invoices ADD CONSTRAINT positive_total CHECK (total >= 0), ADD UNIQUE (id);',
      'ALTER TABLE invoices ALTER COLUMN total SET NOT NULL, ALTER COLUMN total TYPE bigint;',
      'ALTER TABLE invoices ADD COLUMN token uuid DEFAULT gen_random_uuid();',
    ].join('\n');
    expect(rulesOf(sql)).toEqual(['require-lock-timeout', 'require-statement-timeout']);
  });

  it('when the oldest PostgreSQL is 10, even a constant default rewrites the table; from 11 on it does not', () => {
    const sql = 'ALTER TABLE orders ADD COLUMN state text DEFAULT $$new$$;';
    expect(rulesOf(sql, { postgresMajor: 10 })).toContain('adding-field-with-default');
    expect(rulesOf(sql, { postgresMajor: 11 })).not.toContain('adding-field-with-default');
  });

  it('when a default calls a function dten does not know, it is treated as volatile and the message says so', () => {
    const [hazard] = lintMigration('ALTER TABLE orders ADD COLUMN ref text DEFAULT vendor_next_ref();').filter(
      (found) => found.rule === 'adding-field-with-default',
    );
    expect(hazard?.message).toContain(`${escapeForDisplay('vendor_next_ref')}()`);
    expect(hazard?.message).toContain('cannot prove');
  });

  it('when lock_timeout is set to 0 (no timeout), the migration is still reported as missing one', () => {
    expect(rulesOf('SET lock_timeout = 0;\nDROP TABLE old_orders;')).toContain('require-lock-timeout');
  });

  it('when the tool wraps the migration in a transaction, CONCURRENTLY is reported even without BEGIN', () => {
    const sql = 'CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);';
    expect(rulesOf(sql, { assumeInTransaction: true })).toContain('ban-concurrent-index-creation-in-transaction');
    expect(rulesOf(sql)).not.toContain('ban-concurrent-index-creation-in-transaction');
  });

  it('when SET NOT NULL follows a validated constraint for another column, the scan is still reported', () => {
    const sql =
      'ALTER TABLE foo ADD CONSTRAINT baz_nn CHECK (baz IS NOT NULL) NOT VALID;\nALTER TABLE foo VALIDATE CONSTRAINT baz_nn;\nALTER TABLE foo ALTER COLUMN bar SET NOT NULL;';
    expect(lintMigration(sql).find((hazard) => hazard.rule === 'adding-not-nullable-field')?.line).toBe(3);
  });

  it('when a quoted identifier hides a right-to-left override, the message shows it escaped instead of reordering the text', () => {
    const [hazard] = lintMigration('SET lock_timeout = 1; SET statement_timeout = 1; DROP INDEX "idx\u202Egnp.exe";');
    expect(hazard?.message).toContain('idx\\u{202E}gnp.exe');
    expect(hazard?.message).not.toContain('\u202E');
    expect(hazard?.evidence).not.toContain('\u202E');
  });
});

describe('a DO block, which runs when the migration runs', () => {
  const TIMEOUTS = "SET lock_timeout = '5s';\nSET statement_timeout = '60s';\n";

  it('is checked statement by statement, in IF branches too, on the lines of the file', () => {
    const sql = `${TIMEOUTS}DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'orders_customer_idx') THEN
    CREATE INDEX orders_customer_idx ON orders (customer_id);
  END IF;
  ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);
END
$$;
`;
    expect(lintMigration(sql).map(({ line, rule, evidence }) => ({ line, rule, evidence }))).toEqual([
      {
        line: 6,
        rule: 'require-concurrent-index-creation',
        evidence: 'CREATE INDEX orders_customer_idx ON orders (customer_id)',
      },
      { line: 8, rule: 'changing-column-type', evidence: 'ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2)' },
    ]);
  });

  it('cannot hold CREATE INDEX CONCURRENTLY, which PostgreSQL refuses inside it', () => {
    const sql = `${TIMEOUTS}DO $body$ BEGIN CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id); END $body$;`;
    expect(rulesOf(sql)).toContain('ban-concurrent-index-creation-in-transaction');
  });

  it('is left alone when it only reads or writes rows, and a function body (run only when called) is not looked into', () => {
    const sql = `${TIMEOUTS}DO $$ BEGIN UPDATE orders SET note = NULL WHERE id = 0; END $$;
CREATE FUNCTION reindex_later() RETURNS void LANGUAGE plpgsql AS $f$ BEGIN ALTER TABLE t ALTER COLUMN a TYPE text; END $f$;
DO LANGUAGE sql $$ SELECT 1 $$;`;
    expect(rulesOf(sql)).toEqual([]);
  });
});

describe('a migration too deep for the parser dten runs', () => {
  it('is a warning that nothing in it was checked, not a claim that PostgreSQL refuses it, and the next migration is read as usual', () => {
    const chain = Array.from({ length: 12_000 }, (_, index) => `'part${index}'`).join(' || ');
    const hazards = lintMigration(`SET lock_timeout = '5s';\nUPDATE settings SET note = ${chain};\n`);
    expect(hazards).toMatchObject([{ rule: 'too-deep-to-check', severity: 'warning', line: 1 }]);
    expect(hazards[0]?.message).toContain('nothing in it was checked for locks');
    expect(hazards[0]?.message).not.toContain('PostgreSQL cannot parse');
    expect(
      lintMigration('CREATE INDEX orders_customer_idx ON orders (customer_id);').map(({ rule }) => rule),
    ).toContain('require-concurrent-index-creation');
  });
});
