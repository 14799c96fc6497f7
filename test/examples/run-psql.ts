import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** PostgreSQL of the test machine: 127.0.0.1:5432, trust auth, database `test`. */
const CONNECTION = ['-h', '127.0.0.1', '-p', '5432', '-d', 'test', '-X', '-q', '-v', 'ON_ERROR_STOP=1'];

/** Runs psql with `search_path` set to `schema`, so unqualified migrations land in that schema only. */
export async function runPsql(schema: string, args: string[]): Promise<string> {
  const env = { ...process.env, PGOPTIONS: `-c search_path=${schema}` };
  try {
    const { stdout } = await execFileAsync('psql', [...CONNECTION, ...args], { env });
    return stdout;
  } catch (error) {
    throw new Error(`psql ${args.join(' ')} failed: ${(error as { stderr?: string }).stderr ?? String(error)}`);
  }
}

/** Applies one migration file: in a single transaction unless its first line is `-- no-transaction`. */
export async function applyMigration(schema: string, file: string, sql: string): Promise<void> {
  const oneTransaction = sql.startsWith('-- no-transaction') ? [] : ['--single-transaction'];
  await runPsql(schema, [...oneTransaction, '-f', file]);
}

/** The schema's shape: tables, columns with defaults, constraints and indexes, one line each, sorted. */
export async function describeSchema(schema: string): Promise<string[]> {
  const sql = `
    SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || coalesce(column_default, '')
      FROM information_schema.columns WHERE table_schema = '${schema}'
    UNION ALL SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' valid=' || convalidated
      FROM pg_constraint WHERE connamespace = '${schema}'::regnamespace
    UNION ALL SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = '${schema}'`;
  const out = await runPsql(schema, ['-At', '-c', sql]);
  return out
    .split('\n')
    .filter((line) => line !== '')
    .sort();
}
