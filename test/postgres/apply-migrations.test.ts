import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../src/postgres/apply-migrations.js';
import { loadPackageMigrations } from '../../src/postgres/load-package-migrations.js';
import { MigrationChecksumChanged } from '../../src/postgres/migration-checksum-changed.js';
import { MigrationFailed } from '../../src/postgres/migration-failed.js';
import { MigrationLockTimeout } from '../../src/postgres/migration-lock-timeout.js';
import { deriveMigrationLockKey } from '../../src/postgres/migration-lock-key.js';
import type { PackageMigration } from '../../src/postgres/migration-script.js';
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
let previous: PackageMigration[];
let ready: PackageMigration[];
const schemas: TestSchema[] = [];

beforeAll(async () => {
  releases = await buildExampleReleases();
  previous = await loadPackageMigrations(releases.dirs.previous);
  ready = await loadPackageMigrations(releases.dirs.ready);
});
afterEach(async () => {
  for (const schema of schemas.splice(0)) await schema.drop();
});
afterAll(async () => releases?.remove());

/** A fresh schema on 4.1.0, with production-like rows, as the fleet runs it before the upgrade. */
async function startOn410(): Promise<{ schema: TestSchema; base: ReturnType<typeof runnerBase> }> {
  const schema = await createTestSchema();
  schemas.push(schema);
  const base = runnerBase(schema);
  await applyMigrations({ ...base, migrations: previous, rolloutId: 'rollout-4.1.0' });
  await schema.query(`INSERT INTO dten_nodes (name) VALUES ('edge-1'), ('edge-2');
    INSERT INTO dten_sessions (node_id) SELECT id FROM dten_nodes;
    INSERT INTO dten_legacy_routes (node_id, route) SELECT id, '/legacy' FROM dten_nodes;`);
  return { schema, base };
}

function runnerBase(schema: TestSchema, log = captureLog().log) {
  return { connectionString: testConnectionString(), schema: schema.name, log };
}

describe("applying a release's migrations to PostgreSQL", () => {
  it('when 4.2.0 is installed on a 4.1.0 database, each ready migration runs once, is recorded with the rollout, and the concurrent index is built valid', async () => {
    const { schema, base } = await startOn410();
    const result = await applyMigrations({ ...base, migrations: ready, rolloutId: 'rollout-4.2.0' });

    expect(result.applied).toEqual(ready.map((migration) => migration.id));
    expect(result.skipped).toEqual([]);
    expect(await readRecords(schema)).toEqual([
      { id: '0000_base', rollout_id: 'rollout-4.1.0' },
      ...ready.map((migration) => ({ id: migration.id, rollout_id: 'rollout-4.2.0' })),
    ]);
    const shape = await describeSchema(schema);
    expect(shape).toContain('index dten_sessions_node_id_idx valid=true');
    expect(shape).toContain('constraint dten_sessions dten_sessions_node_id_fkey valid=true');
    expect(shape.some((line) => line.startsWith('column dten_legacy_routes_retired.route '))).toBe(true);
  });

  it('when the install step runs again for the same database, nothing is applied and every migration is reported as already applied', async () => {
    const { schema, base } = await startOn410();
    await applyMigrations({ ...base, migrations: ready, rolloutId: 'rollout-4.2.0' });
    const before = await describeSchema(schema);
    const { log, lines } = captureLog();

    const rerun = await applyMigrations({ ...base, log, migrations: ready, rolloutId: 'rollout-4.2.0-retry' });

    expect(rerun).toEqual({ applied: [], skipped: ready.map((migration) => migration.id) });
    expect(await describeSchema(schema)).toEqual(before);
    expect((await readRecords(schema)).filter((record) => record.rollout_id === 'rollout-4.2.0-retry')).toEqual([]);
    expect(lines.join('')).toContain('migrations already applied; skipping them');
  });

  it('when three hosts start the migration step at the same moment, each migration runs exactly once and the others find everything applied', async () => {
    const { schema, base } = await startOn410();
    const counted = [
      ...ready,
      {
        id: '0005_count_runs',
        sql: 'CREATE TABLE IF NOT EXISTS dten_runs (n int);\nINSERT INTO dten_runs VALUES (1);\n',
        noTransaction: false,
      },
    ];
    const hosts = ['host-a', 'host-b', 'host-c'];

    const results = await Promise.all(
      hosts.map((host) => applyMigrations({ ...base, migrations: counted, rolloutId: `rollout-4.2.0-${host}` })),
    );

    const winners = results.filter((result) => result.applied.length > 0);
    expect(winners).toHaveLength(1);
    expect(winners[0]?.applied).toEqual(counted.map((migration) => migration.id));
    for (const result of results.filter((other) => other !== winners[0])) {
      expect(result).toEqual({ applied: [], skipped: counted.map((migration) => migration.id) });
    }
    expect(await schema.query('SELECT count(*)::int AS runs FROM dten_runs')).toEqual([{ runs: 1 }]);
    const records = await readRecords(schema);
    expect(records.map((record) => record.id)).toEqual(['0000_base', ...counted.map((migration) => migration.id)]);
    expect(new Set(records.slice(1).map((record) => record.rollout_id)).size).toBe(1);
  });

  it('when another session holds an ACCESS EXCLUSIVE lock on dten_sessions, 0001 gives up with MigrationLockTimeout instead of queueing forever, and a rerun after the lock is gone applies it', async () => {
    const { schema, base } = await startOn410();
    const holder = await schema.connect();
    await holder.query('BEGIN; LOCK TABLE dten_sessions IN ACCESS EXCLUSIVE MODE');
    const hybrid = ready[0];
    const waitingLine =
      (hybrid?.sql.split('\n').findIndex((line) => line.startsWith('ALTER TABLE dten_sessions')) ?? -1) + 1;

    let refused: unknown;
    try {
      await applyMigrations({ ...base, lockTimeout: '1s', migrations: ready, rolloutId: 'rollout-4.2.0' });
    } catch (error) {
      refused = error;
    } finally {
      await holder.query('COMMIT');
      await holder.end();
    }

    expect(refused).toBeInstanceOf(MigrationLockTimeout);
    const timeout = refused as MigrationLockTimeout;
    expect(timeout.id).toBe(hybrid?.id);
    expect(timeout.line).toBe(waitingLine);
    expect(timeout.retryable).toBe(true);
    expect(timeout.message).toContain(`Migration ${hybrid?.id} gave up waiting for a lock at line ${waitingLine}`);
    expect((await readRecords(schema)).map((record) => record.id)).toEqual(['0000_base']);
    expect((await describeSchema(schema)).some((line) => line.includes('hybrid_since'))).toBe(false);

    const rerun = await applyMigrations({ ...base, migrations: ready, rolloutId: 'rollout-4.2.0' });
    expect(rerun.applied).toEqual(ready.map((migration) => migration.id));
  });

  it('when the agent died after the concurrent index was built but before 0002 was recorded, the rerun builds it again, valid, and records it once', async () => {
    const { schema, base } = await startOn410();
    const [hybrid, index] = ready;
    await applyMigrations({ ...base, migrations: ready.slice(0, 1), rolloutId: 'rollout-4.2.0' });
    const crashed = await schema.connect();
    // What the dead agent got done: 0002's statements, one by one, and no record row.
    for (const statement of (index?.sql ?? '').replace(/^--.*$/gm, '').split(';')) {
      if (statement.trim() !== '') await crashed.query(statement);
    }
    await crashed.end();

    const resumed = await applyMigrations({ ...base, migrations: ready, rolloutId: 'rollout-4.2.0' });

    expect(index?.noTransaction).toBe(true);
    expect(resumed.skipped).toEqual([hybrid?.id]);
    expect(resumed.applied[0]).toBe(index?.id);
    expect((await describeSchema(schema)).filter((line) => line.startsWith('index dten_sessions_node_id_idx'))).toEqual(
      ['index dten_sessions_node_id_idx valid=true'],
    );
    expect((await readRecords(schema)).filter((record) => record.id === index?.id)).toHaveLength(1);
  });

  it('when a migration already applied arrives with different SQL, the runner refuses before running anything and names it', async () => {
    const { schema, base } = await startOn410();
    await applyMigrations({ ...base, migrations: ready, rolloutId: 'rollout-4.2.0' });
    const edited = ready.map((migration) =>
      migration.id === '0003_validate_sessions_node'
        ? { ...migration, sql: `${migration.sql}-- tweaked after release\n` }
        : migration,
    );
    const next = { id: '0005_audit', sql: 'CREATE TABLE dten_audit (id int);\n', noTransaction: false };

    const refusal = applyMigrations({ ...base, migrations: [...edited, next], rolloutId: 'rollout-4.2.1' });

    await expect(refusal).rejects.toBeInstanceOf(MigrationChecksumChanged);
    await expect(refusal).rejects.toMatchObject({ id: '0003_validate_sessions_node', rolloutId: 'rollout-4.2.0' });
    await expect(refusal).rejects.toThrow(
      /was applied by rollout rollout-4\.2\.0 .* carries different SQL under the same id/,
    );
    expect((await describeSchema(schema)).some((line) => line.includes('dten_audit'))).toBe(false);
  });

  it("when a migration's second statement fails, MigrationFailed names the migration, the line and PostgreSQL's code, and its first statement is rolled back", async () => {
    const { schema, base } = await startOn410();
    const broken = {
      id: '0001_broken',
      sql: '-- adds a note\nALTER TABLE dten_sessions ADD COLUMN note text;\nALTER TABLE dten_nowhere ADD COLUMN x int;\n',
      noTransaction: false,
    };

    const failure = applyMigrations({ ...base, migrations: [...previous, broken], rolloutId: 'rollout-broken' });

    await expect(failure).rejects.toBeInstanceOf(MigrationFailed);
    await expect(failure).rejects.toMatchObject({ id: '0001_broken', code: '42P01', failure: { line: 3 } });
    await expect(failure).rejects.toThrow(
      'Migration 0001_broken failed at line 3 with PostgreSQL error 42P01: relation "dten_nowhere" does not exist. Its transaction was rolled back',
    );
    expect((await describeSchema(schema)).some((line) => line.includes('dten_sessions.note'))).toBe(false);
    expect((await readRecords(schema)).map((record) => record.id)).toEqual(['0000_base']);
  });
  it('when the connection holding the migration lock dies mid-migration, the runner stops before the next one, and a rerun finishes once', async () => {
    const schema = await createTestSchema();
    schemas.push(schema);
    const base = runnerBase(schema);
    const migrations: PackageMigration[] = [
      { id: '0001_slow', sql: 'SELECT pg_sleep(1.5);\nCREATE TABLE lost_a (id int);', noTransaction: false },
      { id: '0002_next', sql: 'CREATE TABLE lost_b (id int);', noTransaction: false },
    ];
    const running = applyMigrations({ ...base, migrations, rolloutId: 'rollout-lost' });
    // The backend holding this schema's advisory lock (a bigint key: high and low halves), ended as a failover would.
    const key = BigInt(deriveMigrationLockKey(schema.name));
    const [high, low] = [String((key >> 32n) & 0xffffffffn), String(key & 0xffffffffn)];
    const holder = async () =>
      schema.query<{ pid: number }>(
        "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid::text = $1 AND objid::text = $2 AND granted",
        [high, low],
      );
    // Mid-migration: once 0001_slow runs (the lock was taken before; ending it sooner stops the runner before 0001).
    const slowRunning = async () =>
      schema.query(
        "SELECT pid FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'SELECT pg_sleep(1.5)%' AND pid <> pg_backend_pid()",
      );
    while ((await slowRunning()).length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await schema.query('SELECT pg_terminate_backend($1)', [(await holder())[0]!.pid]);

    const error: unknown = await running.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MigrationFailed);
    expect((error as MigrationFailed).failure).toMatchObject({ code: 'lock-lost', step: 'keep the migration lock' });
    expect((await readRecords(schema)).map((record) => record.id)).toEqual(['0001_slow']);
    expect(await schema.query("SELECT to_regclass('lost_b') AS found")).toEqual([{ found: null }]);

    const rerun = await applyMigrations({ ...base, migrations, rolloutId: 'rollout-lost' });
    expect(rerun).toEqual({ applied: ['0002_next'], skipped: ['0001_slow'] });
  });
});
