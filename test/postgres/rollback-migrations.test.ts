import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../src/postgres/apply-migrations.js';
import { loadPackageMigrations } from '../../src/postgres/load-package-migrations.js';
import { MigrationNotReversible } from '../../src/postgres/migration-not-reversible.js';
import type { PackageMigration } from '../../src/postgres/migration-script.js';
import { rollbackMigrations } from '../../src/postgres/rollback-migrations.js';
import { buildExampleReleases, type ExampleReleases } from './build-example-releases.js';
import { captureLog } from './capture-log.js';
import {
  createTestSchema,
  describeSchema,
  readRecords,
  testConnectionString,
  type TestSchema,
} from './postgres-test-schema.js';

let releases: ExampleReleases;
const packages: Partial<Record<'previous' | 'ready' | 'arrived', PackageMigration[]>> = {};
const schemas: TestSchema[] = [];

beforeAll(async () => {
  releases = await buildExampleReleases();
  for (const state of ['previous', 'ready', 'arrived'] as const) {
    packages[state] = await loadPackageMigrations(releases.dirs[state]);
  }
});
afterEach(async () => {
  for (const schema of schemas.splice(0)) await schema.drop();
});
afterAll(async () => releases?.remove());

function migrationsOf(state: 'previous' | 'ready' | 'arrived'): PackageMigration[] {
  const found = packages[state];
  if (!found) throw new Error(`the ${state} package was not loaded`);
  return found;
}

/** 4.1.0 with rows, as production runs it, then `state`'s migrations applied by rollout-4.2.0. */
async function upgradeFrom410(state: 'ready' | 'arrived') {
  const schema = await createTestSchema();
  schemas.push(schema);
  const base = { connectionString: testConnectionString(), schema: schema.name, log: captureLog().log };
  await applyMigrations({ ...base, migrations: migrationsOf('previous'), rolloutId: 'rollout-4.1.0' });
  await schema.query(`INSERT INTO dten_nodes (name) VALUES ('edge-1'), ('edge-2');
    INSERT INTO dten_sessions (node_id) SELECT id FROM dten_nodes;
    INSERT INTO dten_legacy_routes (node_id, route) SELECT id, '/legacy' FROM dten_nodes;`);
  const shapeOn410 = await describeSchema(schema);
  await applyMigrations({ ...base, migrations: migrationsOf(state), rolloutId: 'rollout-4.2.0' });
  return { schema, base, shapeOn410 };
}

describe("rolling back a release's migrations on PostgreSQL", () => {
  it('when rollout 4.2.0 is rolled back, its downs run last-applied first and the database is the 4.1.0 schema with its rows', async () => {
    const { schema, base, shapeOn410 } = await upgradeFrom410('ready');
    const ready = migrationsOf('ready');

    const result = await rollbackMigrations({ ...base, migrations: ready, rolloutId: 'rollout-4.2.0' });

    expect(result.rolledBack).toEqual(ready.map((migration) => migration.id).reverse());
    expect(await describeSchema(schema)).toEqual(shapeOn410);
    expect(await schema.query('SELECT count(*)::int AS routes FROM dten_legacy_routes')).toEqual([{ routes: 2 }]);
    expect(await readRecords(schema)).toEqual([{ id: '0000_base', rollout_id: 'rollout-4.1.0' }]);
  });

  it('when the rollback step is delivered twice, the second finds nothing left to undo, and 4.2.0 can be installed again afterwards', async () => {
    const { schema, base } = await upgradeFrom410('ready');
    const ready = migrationsOf('ready');
    await rollbackMigrations({ ...base, migrations: ready, rolloutId: 'rollout-4.2.0' });

    const again = await rollbackMigrations({ ...base, migrations: ready, rolloutId: 'rollout-4.2.0' });
    const reinstall = await applyMigrations({ ...base, migrations: ready, rolloutId: 'rollout-4.2.0-second-try' });

    expect(again.rolledBack).toEqual([]);
    expect(reinstall.applied).toEqual(ready.map((migration) => migration.id));
    expect(await describeSchema(schema)).toContain('index dten_sessions_node_id_idx valid=true');
  });

  it('when the package as it arrived was applied, its rollback is refused up front because 0002_drop_legacy has no down, and nothing is undone', async () => {
    const { schema, base } = await upgradeFrom410('arrived');
    const arrived = migrationsOf('arrived');
    const before = await describeSchema(schema);
    const recordsBefore = await readRecords(schema);

    const refusal = rollbackMigrations({ ...base, migrations: arrived, rolloutId: 'rollout-4.2.0' });

    await expect(refusal).rejects.toBeInstanceOf(MigrationNotReversible);
    await expect(refusal).rejects.toMatchObject({ id: '0002_drop_legacy', reason: 'no-down', retryable: false });
    await expect(refusal).rejects.toThrow(
      'Migration 0002_drop_legacy, applied by rollout rollout-4.2.0, has no down migration',
    );
    expect(await describeSchema(schema)).toEqual(before);
    expect(await readRecords(schema)).toEqual(recordsBefore);
  });

  it('when the rollback is given a package that does not contain a migration the rollout applied, it refuses and names that migration', async () => {
    const { base } = await upgradeFrom410('ready');
    const withoutLast = migrationsOf('ready').slice(0, -1);
    const missing = migrationsOf('ready').at(-1)?.id;

    const refusal = rollbackMigrations({ ...base, migrations: withoutLast, rolloutId: 'rollout-4.2.0' });

    await expect(refusal).rejects.toMatchObject({ id: missing, reason: 'not-in-package' });
    await expect(refusal).rejects.toThrow(
      `Migration ${missing}, applied by rollout rollout-4.2.0, is not in the package`,
    );
  });
});
