import { randomBytes } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExampleSet, type ExampleSet } from './build-example-set.js';
import { extractExampleZip } from './extract-example-zip.js';
import { applyMigration, describeSchema, runPsql } from './run-psql.js';

let set: ExampleSet;
const schemas: string[] = [];

beforeAll(async () => {
  set = await buildExampleSet();
  for (const state of ['arrived', 'ready', 'previous'] as const) {
    await extractExampleZip(set.packages[state].outFile, join(set.dir, `${state}-pkg`));
  }
});
afterAll(async () => {
  for (const schema of schemas) await runPsql('public', ['-c', `DROP SCHEMA IF EXISTS ${schema} CASCADE`]);
  await set?.remove();
});

async function freshSchema(): Promise<string> {
  const schema = `dten_example_${randomBytes(6).toString('hex')}`;
  schemas.push(schema);
  await runPsql('public', ['-c', `CREATE SCHEMA ${schema}`]);
  return schema;
}

async function migrationFiles(state: string, direction: 'up' | 'down'): Promise<string[]> {
  const dir = join(set.dir, `${state}-pkg`, 'migrations');
  const names = (await readdir(dir)).filter((name) => name.endsWith(`.${direction}.sql`)).sort();
  return (direction === 'down' ? names.reverse() : names).map((name) => join(dir, name));
}

async function apply(schema: string, files: string[]): Promise<void> {
  for (const file of files) await applyMigration(schema, file, await readFile(file, 'utf8'));
}

async function seedProductionRows(schema: string): Promise<void> {
  await runPsql(schema, [
    '-c',
    `INSERT INTO dten_nodes (name) VALUES ('edge-1'), ('edge-2');
    INSERT INTO dten_sessions (node_id) SELECT id FROM dten_nodes;
    INSERT INTO dten_legacy_routes (node_id, route) SELECT id, '/legacy' FROM dten_nodes;`,
  ]);
}

describe('the example migrations on PostgreSQL', () => {
  it('when the ready migrations run on the 4.1.0 schema with rows in it and are rolled back, the schema and rows are as before', async () => {
    const schema = await freshSchema();
    await apply(schema, await migrationFiles('previous', 'up'));
    await seedProductionRows(schema);
    const before = await describeSchema(schema);

    await apply(schema, await migrationFiles('ready', 'up'));
    const upgraded = await describeSchema(schema);
    expect(upgraded).toContain('constraint dten_sessions dten_sessions_node_id_fkey valid=true');
    expect(upgraded.some((line) => line.startsWith('index dten_sessions_node_id_idx '))).toBe(true);
    expect(upgraded.some((line) => line.startsWith('column dten_legacy_routes_retired.route '))).toBe(true);

    await apply(schema, await migrationFiles('ready', 'down'));
    expect(await describeSchema(schema)).toEqual(before);
    expect((await runPsql(schema, ['-At', '-c', 'SELECT count(*) FROM dten_legacy_routes'])).trim()).toBe('2');

    await apply(schema, await migrationFiles('previous', 'down'));
    expect(await describeSchema(schema)).toEqual([]);
  });

  it('when the ready package is read, every up migration has a down and the concurrent index runs outside a transaction', async () => {
    const ups = await migrationFiles('ready', 'up');
    const downs = await migrationFiles('ready', 'down');
    expect(downs.map((file) => file.replace('.down.sql', '')).sort()).toEqual(
      ups.map((file) => file.replace('.up.sql', '')),
    );
    for (const file of ups) {
      const sql = await readFile(file, 'utf8');
      if (/CONCURRENTLY/.test(sql)) expect(sql.startsWith('-- no-transaction')).toBe(true);
      if (/ALTER TABLE/.test(sql)) expect(sql).toMatch(/SET lock_timeout/);
    }
  });

  it('when the migrations as they arrived run on the 4.1.0 schema, they apply (the danger is their locks, not their syntax) and 0002 has no way back', async () => {
    const schema = await freshSchema();
    await apply(schema, await migrationFiles('previous', 'up'));
    await seedProductionRows(schema);
    await apply(schema, await migrationFiles('arrived', 'up'));
    const after = await describeSchema(schema);
    expect(after.some((line) => line.startsWith('column dten_legacy_routes.'))).toBe(false);
    expect(after).toContain('constraint dten_sessions dten_sessions_node_id_fkey valid=true');
    const downs = (await migrationFiles('arrived', 'down')).map((file) => file.split('/').pop());
    expect(downs).toEqual(['0001_hybrid_mode.down.sql']);
  });
});
