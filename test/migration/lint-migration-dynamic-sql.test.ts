import { beforeAll, describe, it, expect } from 'vitest';
import { loadSqlParser } from '../../src/libpg-query/parse-sql.js';
import { lintMigration } from '../../src/preflight/detectors/migration-lock/lint-migration.js';

beforeAll(() => loadSqlParser());

const TIMEOUTS = "SET lock_timeout = '5s';\nSET statement_timeout = '60s';\n";
const READ_FROM_EXECUTE = 'This statement is the SQL the EXECUTE on this line runs, read from its string';

/** Rule, line and evidence of each hazard: what a reader of the report sees first. */
const seen = (sql: string) => lintMigration(sql).map(({ rule, line, evidence }) => ({ rule, line, evidence }));

describe('the SQL an EXECUTE in a DO block runs, when constants make it known', () => {
  it('when an idempotent migration hides CREATE INDEX in a quoted string behind IF NOT EXISTS, it is reported at the EXECUTE line', () => {
    const sql = `${TIMEOUTS}DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'orders_customer_idx') THEN
    EXECUTE 'CREATE INDEX orders_customer_idx ON orders (customer_id)';
  END IF;
END
$$;
`;
    const hazards = lintMigration(sql);
    expect(seen(sql)).toEqual([
      {
        rule: 'require-concurrent-index-creation',
        line: 6,
        evidence: 'CREATE INDEX orders_customer_idx ON orders (customer_id)',
      },
    ]);
    expect(hazards[0]?.message).toBe(
      `CREATE INDEX orders_customer_idx on orders takes a SHARE lock: every INSERT, UPDATE and DELETE on orders waits until the whole index is built. ${READ_FROM_EXECUTE}.`,
    );
  });

  it.each([
    [
      'an E string with escapes',
      String.raw`E'DROP INDEX \"orders_customer_idx\"'`,
      'require-concurrent-index-deletion',
    ],
    [
      'a string with doubled quotes',
      "'CREATE INDEX orders_note_idx ON orders (note) WHERE note <> '''''",
      'require-concurrent-index-creation',
    ],
    ['a dollar-quoted string', '$q$DROP INDEX orders_customer_idx$q$', 'require-concurrent-index-deletion'],
    [
      'a concat() of constants',
      "concat('DROP INDEX ', NULL, 'orders_customer_idx')",
      'require-concurrent-index-deletion',
    ],
  ])('when the string is %s, the statement in it is read', (_, expression, rule) => {
    const sql = `${TIMEOUTS}DO $$ BEGIN\n  EXECUTE ${expression};\nEND $$;`;
    expect(lintMigration(sql).map(({ rule, line }) => ({ rule, line }))).toEqual([{ rule, line: 4 }]);
  });

  it('when format() builds an ALTER COLUMN TYPE with %I, the finding names the placeholder and says it stands for a run-time value', () => {
    const sql = `${TIMEOUTS}DO $$
DECLARE
  tbl text := 'orders';
BEGIN
  EXECUTE format('ALTER TABLE %I ALTER COLUMN total TYPE bigint', tbl);
END $$;`;
    const [hazard, ...others] = lintMigration(sql);
    expect(others).toEqual([]);
    expect(hazard).toMatchObject({
      rule: 'changing-column-type',
      severity: 'blocker',
      line: 7,
      evidence: 'ALTER TABLE "{tbl}" ALTER COLUMN total TYPE bigint',
    });
    expect(hazard?.message).toMatch(/^Changing the type of \{tbl\}\.total takes an ACCESS EXCLUSIVE lock/);
    expect(hazard?.message).toContain(
      `${READ_FROM_EXECUTE} ({tbl} standing for a value the block computes when it runs).`,
    );
  });

  it('when format() is given constants, %I, %L and %s are filled in as PostgreSQL fills them, positions and padding too', () => {
    const sql = `${TIMEOUTS}DO $$ BEGIN
  EXECUTE format('ALTER TABLE %2$I ADD CONSTRAINT %1$s CHECK (total >= %3$L)%4$5s', 'orders_total_chk', 'Orders', 0, '');
END $$;`;
    expect(seen(sql)).toEqual([
      {
        rule: 'constraint-missing-not-valid',
        line: 4,
        evidence: 'ALTER TABLE "Orders" ADD CONSTRAINT orders_total_chk CHECK (total >= \'0\')',
      },
    ]);
  });

  it('when format() holds %%, it is a percent sign and takes no argument', () => {
    const sql = `${TIMEOUTS}DO $$ BEGIN
  EXECUTE format('CREATE INDEX %I ON orders ((total %% 10)) WHERE note = %L', 'orders_total_mod_idx', 'x');
END $$;`;
    expect(lintMigration(sql).map(({ evidence }) => evidence)).toEqual([
      "CREATE INDEX orders_total_mod_idx ON orders ((total % 10)) WHERE note = 'x'",
    ]);
  });

  it('when a concatenation adds a column with a volatile default to quote_ident(tbl), the placeholder stands in for the table', () => {
    // The task's `DEFAULT now()` is stable: PostgreSQL 11+ stores it once, so a volatile default is what rewrites.
    const sql = `${TIMEOUTS}DO $$
DECLARE tbl text := 'orders';
BEGIN
  EXECUTE 'ALTER TABLE ' || quote_ident(tbl) || ' ADD COLUMN token uuid DEFAULT gen_random_uuid()';
  EXECUTE 'ALTER TABLE ' || quote_ident(tbl) || ' ADD COLUMN created_at timestamptz DEFAULT now()';
END $$;`;
    const hazards = lintMigration(sql);
    expect(hazards.map(({ rule, line }) => ({ rule, line }))).toEqual([{ rule: 'adding-field-with-default', line: 6 }]);
    expect(hazards[0]?.message).toMatch(/^ADD COLUMN token on \{tbl\} with a DEFAULT that calls gen_random_uuid\(\)/);
  });

  it('when an index name is glued to the table variable, the glued name reads as one identifier', () => {
    const sql = `${TIMEOUTS}DO $$
DECLARE tbl text := 'orders';
BEGIN
  EXECUTE 'CREATE INDEX idx_' || tbl || '_customer ON public.' || quote_ident(tbl) || ' (customer_id)';
END $$;`;
    const [hazard] = lintMigration(sql);
    expect(hazard?.evidence).toBe('CREATE INDEX "idx_{tbl}_customer" ON public."{tbl}" (customer_id)');
    expect(hazard?.message).toMatch(/^CREATE INDEX idx_\{tbl\}_customer on public\.\{tbl\} takes a SHARE lock/);
  });

  it('when a loop runs format() once per table, the EXECUTE inside the loop is reported at its own line', () => {
    const sql = `${TIMEOUTS}DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT tablename FROM pg_tables WHERE tablename LIKE 'audit_%' LOOP
    IF r.tablename <> 'audit_archive' THEN
      EXECUTE format('ALTER TABLE %I.%I ADD CONSTRAINT %I FOREIGN KEY (user_id) REFERENCES users (id)', 'public', r.tablename, r.tablename || '_user_fk');
    ELSE
      EXECUTE format('DROP INDEX %I', r.tablename || '_idx');
    END IF;
  END LOOP;
END $$;`;
    expect(lintMigration(sql).map(({ rule, line }) => ({ rule, line }))).toEqual([
      { rule: 'adding-foreign-key-constraint', line: 8 },
      { rule: 'require-concurrent-index-deletion', line: 10 },
    ]);
  });

  it('when the string builds CREATE INDEX CONCURRENTLY, it is reported as refused: the DO block is a transaction', () => {
    const sql = `${TIMEOUTS}DO $$ BEGIN
  EXECUTE 'CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_idx ON orders (customer_id)';
END $$;`;
    const [hazard, ...others] = lintMigration(sql);
    expect(others).toEqual([]);
    expect(hazard).toMatchObject({
      rule: 'ban-concurrent-index-creation-in-transaction',
      severity: 'blocker',
      line: 4,
    });
    expect(hazard?.message).toContain('cannot run inside a transaction block');
    expect(hazard?.message).toContain(READ_FROM_EXECUTE);
  });

  it('when a string holds two statements, both are read', () => {
    const sql = `${TIMEOUTS}DO $$ BEGIN
  EXECUTE 'UPDATE orders SET note = NULL WHERE id = 0; DROP INDEX orders_customer_idx';
END $$;`;
    expect(lintMigration(sql).map(({ rule, line }) => ({ rule, line }))).toEqual([
      { rule: 'require-concurrent-index-deletion', line: 4 },
    ]);
  });
});

describe('an EXECUTE whose SQL is only known when it runs', () => {
  it('when a concatenation does not parse with a placeholder for its run-time part, nothing is guessed: one note says so', () => {
    const sql = `${TIMEOUTS}DO $$
DECLARE
  action text := 'ALTER COLUMN total TYPE bigint';
  tbl text := 'orders';
BEGIN
  EXECUTE 'ALTER TABLE orders ' || action;
  EXECUTE 'ALTER TABLE "' || tbl || '" ADD COLUMN flag int';
END $$;`;
    const hazards = lintMigration(sql);
    expect(hazards.map(({ rule, severity, line }) => ({ rule, severity, line }))).toEqual([
      { rule: 'dynamic-sql-not-checked', severity: 'info', line: 8 },
    ]);
    expect(hazards[0]?.message).toMatch(/^2 statements in DO blocks \(lines 8, 9\) run SQL that dten cannot read/);
    expect(hazards[0]?.evidence).toBe("EXECUTE 'ALTE…(19 chars, masked)' || action");
  });

  it('when the SQL is in a variable, in two DO blocks, the note is given once for the migration, naming both lines', () => {
    const sql = `${TIMEOUTS}DO $$
DECLARE ddl text := 'CREATE INDEX orders_customer_idx ON orders (customer_id)';
BEGIN
  EXECUTE ddl;
END $$;
DO $$ DECLARE q text; BEGIN SELECT statement INTO q FROM pending_ddl LIMIT 1; EXECUTE q; END $$;`;
    const hazards = lintMigration(sql);
    expect(hazards.map(({ rule, line }) => ({ rule, line }))).toEqual([{ rule: 'dynamic-sql-not-checked', line: 6 }]);
    expect(hazards[0]?.message).toContain('(lines 6, 8)');
    expect(hazards[0]?.evidence).toBe('EXECUTE ddl');
  });

  it('when a DO block cannot be read whole, it may take any lock, so it still needs lock_timeout before it', () => {
    const sql = `DO $$ DECLARE q text := 'DROP INDEX x'; BEGIN EXECUTE q; END $$;`;
    const hazards = lintMigration(sql);
    expect(hazards.map(({ rule }) => rule)).toEqual([
      'require-lock-timeout',
      'require-statement-timeout',
      'dynamic-sql-not-checked',
    ]);
    expect(hazards[2]?.message).toMatch(/^This statement of a DO block runs SQL that dten cannot read/);
  });
});

describe('lock_timeout set inside a DO block', () => {
  it.each([
    ["EXECUTE 'SET lock_timeout = ''5s''';", 'an EXECUTE of SET'],
    ["EXECUTE 'SET lock_timeout TO ' || quote_literal(wait);", 'an EXECUTE of SET with a run-time value'],
    ["PERFORM set_config('lock_timeout', '5s', true);", 'PERFORM set_config()'],
  ])('when it is set by %s, the dynamic CREATE INDEX after it is not asked for one (%s)', (setting) => {
    const sql = `SET statement_timeout = '60s';
DO $$
DECLARE wait text := '5s';
BEGIN
  ${setting}
  EXECUTE 'CREATE INDEX orders_customer_idx ON orders (customer_id)';
END $$;`;
    expect(lintMigration(sql).map(({ rule }) => rule)).toEqual(['require-concurrent-index-creation']);
  });

  it('when a DO block read whole only writes rows, it takes no lock a timeout must bound', () => {
    expect(lintMigration(`DO $$ BEGIN UPDATE orders SET note = NULL WHERE id = 0; END $$;`)).toEqual([]);
  });

  it('when it is set to 0 through set_config, or not at all, the first dynamic statement that locks is the one reported', () => {
    const sql = `SET statement_timeout = '60s';
DO $$ BEGIN
  PERFORM set_config('lock_timeout', '0', false);
  UPDATE orders SET note = NULL WHERE id = 0;
  EXECUTE 'CREATE INDEX orders_customer_idx ON orders (customer_id)';
END $$;`;
    const hazards = lintMigration(sql);
    expect(hazards.map(({ rule, line }) => ({ rule, line }))).toEqual([
      { rule: 'require-lock-timeout', line: 5 },
      { rule: 'require-concurrent-index-creation', line: 5 },
    ]);
    expect(hazards[0]?.message).toContain(READ_FROM_EXECUTE);
  });
});

describe('hostile dynamic SQL', () => {
  it('when an EXECUTE string is larger than 64 KiB, it is not read and the migration gets the note', () => {
    const padding = 'x'.repeat(70 * 1024);
    const sql = `${TIMEOUTS}DO $$ BEGIN\n  EXECUTE 'CREATE INDEX i ON orders (customer_id) /* ${padding} */';\nEND $$;`;
    expect(lintMigration(sql).map(({ rule, line }) => ({ rule, line }))).toEqual([
      { rule: 'dynamic-sql-not-checked', line: 4 },
    ]);
  });

  it('when format() would expand a short string into megabytes, it stops at 64 KiB and the note is given', () => {
    const sql = `${TIMEOUTS}DO $$ BEGIN\n  EXECUTE format('DROP INDEX %1$s${'%1$s'.repeat(4000)}', '${'i'.repeat(1000)}');\nEND $$;`;
    const started = performance.now();
    expect(lintMigration(sql).map(({ rule }) => rule)).toEqual(['dynamic-sql-not-checked']);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('when one DO block holds more EXECUTEs than are read, the ones past the limit are noted, not read', () => {
    const executes = Array.from({ length: 300 }, (_, index) => `  EXECUTE 'DROP INDEX i${index}';`).join('\n');
    const sql = `${TIMEOUTS}DO $$ BEGIN\n${executes}\nEND $$;`;
    const hazards = lintMigration(sql);
    expect(hazards.filter(({ rule }) => rule === 'require-concurrent-index-deletion')).toHaveLength(256);
    const notes = hazards.filter(({ rule }) => rule === 'dynamic-sql-not-checked');
    expect(notes.map(({ line, message }) => ({ line, message: message.slice(0, 40) }))).toEqual([
      { line: 260, message: '44 statements in DO blocks (lines 260, 2' },
    ]);
  });

  it('when an EXECUTE or a statement joins 10,000 values (deep enough to overflow the parser), it is not parsed and parsing still works after', () => {
    const chain = Array.from({ length: 10_000 }, () => 'v').join(' || ');
    const sql = `${TIMEOUTS}DO $$ DECLARE v text := 'i'; BEGIN
  PERFORM 'x' || ${chain};
  EXECUTE 'DROP INDEX ' || ${chain};
END $$;`;
    expect(lintMigration(sql).map(({ rule, line }) => ({ rule, line }))).toEqual([
      { rule: 'dynamic-sql-not-checked', line: 5 },
    ]);
    expect(lintMigration(`${TIMEOUTS}DROP INDEX orders_customer_idx;`).map(({ rule }) => rule)).toEqual([
      'require-concurrent-index-deletion',
    ]);
  });

  it('when IF blocks nest two thousand deep, the statement inside is still found', () => {
    const sql = `${TIMEOUTS}DO $$ BEGIN ${'IF true THEN '.repeat(2000)}EXECUTE 'DROP INDEX i';${' END IF;'.repeat(2000)} END $$;`;
    expect(lintMigration(sql).map(({ rule }) => rule)).toEqual(['require-concurrent-index-deletion']);
  });

  it('when a placeholder name carries a bidi override, the message shows it escaped', () => {
    const sql = `${TIMEOUTS}DO $$ DECLARE "t\u202Ebl" text; BEGIN\n  EXECUTE format('DROP INDEX %I', "t\u202Ebl");\nEND $$;`;
    const [hazard] = lintMigration(sql);
    expect(hazard?.rule).toBe('require-concurrent-index-deletion');
    expect(hazard?.message).toContain('{t\\u{202E}bl}');
    expect(hazard?.message).not.toContain('\u202E');
  });
});

describe('a DO block that runs SQL it does not spell out', () => {
  it.each([
    ['a procedure it CALLs', 'CALL migrate_orders();', 'CALL migrate_orders()'],
    [
      'a loop over EXECUTE',
      "FOR r IN EXECUTE 'SELECT 1' LOOP NULL; END LOOP;",
      "FOR … IN EXECUTE '…(8 chars, masked)'",
    ],
    ['a cursor over EXECUTE', "OPEN c FOR EXECUTE 'SELECT 2';", "OPEN … FOR EXECUTE '…(8 chars, masked)'"],
  ])(
    'through %s may take any lock: it needs lock_timeout before it, and a note says what was not read',
    (_, runs, shown) => {
      const sql = `DO $$ DECLARE r record; c refcursor; BEGIN\n  ${runs}\nEND $$;`;
      const hazards = lintMigration(sql);
      expect(hazards.map(({ rule }) => rule)).toEqual(
        expect.arrayContaining(['require-lock-timeout', 'dynamic-sql-not-checked']),
      );
      expect(hazards.find(({ rule }) => rule === 'dynamic-sql-not-checked')).toMatchObject({
        line: 2,
        evidence: shown,
      });
    },
  );

  it('a loop over a query written out is read like any other statement and needs no note', () => {
    const sql = `${TIMEOUTS}DO $$ DECLARE r record; BEGIN FOR r IN SELECT id FROM orders LOOP NULL; END LOOP; END $$;`;
    expect(lintMigration(sql).map(({ rule }) => rule)).toEqual([]);
  });

  it('a long statement written out in the block (a thousand columns added at once) is still read', () => {
    const columns = Array.from({ length: 900 }, (_, index) => `ADD COLUMN c${index} integer`).join(', ');
    const sql = `${TIMEOUTS}DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'wide') THEN
    ALTER TABLE wide ${columns}, ADD CONSTRAINT wide_fk FOREIGN KEY (c0) REFERENCES orders (id);
  END IF;
END $$;`;
    expect(lintMigration(sql).map(({ rule }) => rule)).toContain('adding-foreign-key-constraint');
  });
});
