import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../src/postgres/apply-migrations.js';
import { MigrationError } from '../../src/postgres/migration-error.js';
import { MigrationFailed } from '../../src/postgres/migration-failed.js';
import { MigrationLockTimeout } from '../../src/postgres/migration-lock-timeout.js';
import { captureLog } from './capture-log.js';
import { createTestSchema, testConnectionString, type TestSchema } from './postgres-test-schema.js';

// Trust auth ignores the password, so the runner really connects with it in the string.
const PASSWORD = 'Dten@Rollout/Pw#2026-very-secret';
const schemas: TestSchema[] = [];

afterEach(async () => {
  for (const schema of schemas.splice(0)) await schema.drop();
});

async function freshSchema(): Promise<TestSchema> {
  const schema = await createTestSchema();
  schemas.push(schema);
  await schema.query('CREATE TABLE dten_nodes (id int)');
  return schema;
}

/** Runs the runner and returns what it threw, with every way an operator could see it, and the log. */
async function failWith(options: { connectionString: string; schema?: string; lockTimeout?: string; sql?: string }) {
  const { log, lines } = captureLog();
  const sql = options.sql ?? 'ALTER TABLE dten_nodes ADD COLUMN name text;\n';
  let thrown: unknown;
  try {
    await applyMigrations({
      ...options,
      log,
      rolloutId: 'rollout-secrets',
      migrations: [{ id: '0001_secret_test', sql, noTransaction: false }],
    });
  } catch (error) {
    thrown = error;
  }
  const error = thrown as Error;
  const seen = [
    error.message,
    String(error),
    error.stack ?? '',
    JSON.stringify(error),
    inspect(error, { depth: 8 }),
    ...lines,
  ].join('\n');
  return { error, seen };
}

function expectNoSecret(seen: string, connectionString: string): void {
  const pieces = PASSWORD.split(/[@/#]/).filter((piece) => piece.length >= 3);
  for (const spelling of [PASSWORD, encodeURIComponent(PASSWORD), connectionString, ...pieces]) {
    expect(seen).not.toContain(spelling);
  }
}

describe('the migration runner keeps the database password out of what it reports', () => {
  it("when a migration's SQL fails, the MigrationFailed carries PostgreSQL's code and words but not the password", async () => {
    const schema = await freshSchema();
    const connectionString = testConnectionString(PASSWORD);
    const { error, seen } = await failWith({
      connectionString,
      schema: schema.name,
      sql: 'ALTER TABLE dten_gone ADD COLUMN x int;\n',
    });
    expect(error).toBeInstanceOf(MigrationFailed);
    expect(error.message).toContain('42P01: relation "dten_gone" does not exist');
    expectNoSecret(seen, connectionString);
  });

  it('when a table lock is held elsewhere, the MigrationLockTimeout names the migration but not the password', async () => {
    const schema = await freshSchema();
    const holder = await schema.connect();
    await holder.query('BEGIN; LOCK TABLE dten_nodes IN ACCESS EXCLUSIVE MODE');
    const connectionString = testConnectionString(PASSWORD);
    try {
      const { error, seen } = await failWith({ connectionString, schema: schema.name, lockTimeout: '200ms' });
      expect(error).toBeInstanceOf(MigrationLockTimeout);
      expect(error.message).toContain('Migration 0001_secret_test gave up waiting for a lock at line 1');
      expectNoSecret(seen, connectionString);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
  });

  it.each([
    ['nothing listens on the port', `postgres://dten:${encodeURIComponent(PASSWORD)}@127.0.0.1:1/test`, 'ECONNREFUSED'],
    [
      'the database does not exist',
      testConnectionString(PASSWORD).replace(/\/test$/, '/dten_no_such_database'),
      '3D000',
    ],
    ['the port is not a number', `postgres://dten:${encodeURIComponent(PASSWORD)}@127.0.0.1:port/test`, undefined],
    ['the password was pasted without URL encoding', `postgres://dten:${PASSWORD}@127.0.0.1:5432/test`, undefined],
  ])(
    'when %s, the runner says it could not connect without repeating the connection string',
    async (_, connectionString, code) => {
      const { error, seen } = await failWith({ connectionString });
      expect(error).toBeInstanceOf(MigrationFailed);
      expect(error.message).toMatch(/^The migration runner could not connect to PostgreSQL: /);
      if (code !== undefined) expect((error as MigrationFailed).code).toBe(code);
      expectNoSecret(seen, connectionString);
    },
  );

  it('when lock_timeout is not a valid interval, the runner refuses before running anything and says which setting', async () => {
    const schema = await freshSchema();
    const connectionString = testConnectionString(PASSWORD);
    const { error, seen } = await failWith({ connectionString, schema: schema.name, lockTimeout: 'five seconds' });
    expect(error).toBeInstanceOf(MigrationError);
    expect(error.message).toMatch(/could not set lock_timeout, statement_timeout, search_path: .*five seconds/);
    expectNoSecret(seen, connectionString);
    expect(
      await schema.query(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND column_name = 'name'",
        [schema.name],
      ),
    ).toEqual([]);
  });
});
