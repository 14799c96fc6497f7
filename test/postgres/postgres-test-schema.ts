import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import pg from 'pg';

/** The PostgreSQL of the test machine: 127.0.0.1:5432, trust auth, database `test`. */
export function testConnectionString(password?: string): string {
  const user = encodeURIComponent(userInfo().username);
  return `postgres://${user}${password === undefined ? '' : `:${encodeURIComponent(password)}`}@127.0.0.1:5432/test`;
}

export interface TestSchema {
  name: string;
  /** Runs SQL with `search_path` set to this schema only. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<R[]>;
  /** A client of its own (for holding locks), with the schema on its search_path; the caller ends it. */
  connect(): Promise<pg.Client>;
  drop(): Promise<void>;
}

/** A fresh schema per test, so tests never see each other's tables, records or advisory locks. */
export async function createTestSchema(): Promise<TestSchema> {
  const name = `dten_pg_${randomBytes(6).toString('hex')}`;
  const connect = async (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: testConnectionString(), options: `-c search_path=${name}` });
    await client.connect();
    return client;
  };
  const once = async <R extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<R[]> => {
    const client = await connect();
    try {
      return (await client.query<R>(sql, values)).rows;
    } finally {
      await client.end();
    }
  };
  await once(`CREATE SCHEMA ${name}`);
  return { name, query: once, connect, drop: async () => void (await once(`DROP SCHEMA IF EXISTS ${name} CASCADE`)) };
}

/** The schema's shape: columns with defaults, constraints and indexes (with validity), one sorted line each. */
export async function describeSchema(schema: TestSchema): Promise<string[]> {
  const rows = await schema.query<{ line: string }>(
    `SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || coalesce(column_default, '') AS line
       FROM information_schema.columns WHERE table_schema = $1 AND table_name <> 'dten_schema_migrations'
     UNION ALL SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' valid=' || convalidated
       FROM pg_constraint WHERE connamespace = $1::regnamespace AND conrelid::regclass::text <> 'dten_schema_migrations'
     UNION ALL SELECT 'index ' || c.relname || ' valid=' || i.indisvalid
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE c.relnamespace = $1::regnamespace AND c.relname <> 'dten_schema_migrations_pkey'`,
    [schema.name],
  );
  return rows.map((row) => row.line).sort();
}

/** The record table's rows in the order they were written. */
export async function readRecords(schema: TestSchema): Promise<{ id: string; rollout_id: string }[]> {
  return schema.query('SELECT id, rollout_id FROM dten_schema_migrations ORDER BY applied_at, id');
}
