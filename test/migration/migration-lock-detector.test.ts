import { describe, it, expect } from 'vitest';
import { escapeForDisplay } from '../../src/core/findings/escape-for-display.js';
import type { Manifest } from '../../src/core/manifest/manifest-schema.js';
import { createMigrationLockDetector } from '../../src/preflight/detectors/migration-lock/create-migration-lock-detector.js';
import { runTextDetector, textFile } from '../detectors/run-text-detector.js';

const TIMEOUTS = "SET lock_timeout = '3s';\nSET statement_timeout = '10min';\n";

function manifest(extra: Partial<Manifest>): Manifest {
  return {
    name: 'dten',
    version: '5.2.0',
    buildDate: '2025-05-01',
    upgradeFrom: '>=5.0.0',
    dependencies: {},
    reboot: 'none',
    services: [],
    config: [],
    scripts: {},
    certificates: [],
    cleanup: { featureFlags: [], webhooks: [], credentials: [] },
    ...extra,
  };
}

describe('migration-lock detector', () => {
  it('when a migration has no down migration, it is reported as not safely reversible, and its pair is not', async () => {
    const findings = await runTextDetector(createMigrationLockDetector, {
      'migrations/0001_users.up.sql': `${TIMEOUTS}CREATE TABLE users (id bigint);`,
      'migrations/0001_users.down.sql': 'DROP TABLE users;',
      'migrations/0002_orders.up.sql': `${TIMEOUTS}CREATE TABLE orders (id bigint);`,
    });
    const irreversible = findings.filter((finding) => finding.rule === 'migration-lock/missing-down-migration');
    expect(irreversible).toHaveLength(1);
    expect(irreversible[0]).toMatchObject({
      category: 'migration-lock',
      severity: 'blocker',
      path: 'migrations/0002_orders.up.sql',
    });
    expect(irreversible[0]?.message).toContain('not safely reversible');
    expect(irreversible[0]?.remediation).toContain(escapeForDisplay('migrations/0002_orders.down.sql'));
  });

  it('when the manifest points at db/schema, only SQL there is linted and a Flyway undo counts as the way back', async () => {
    const findings = await runTextDetector(
      createMigrationLockDetector,
      {
        'db/schema/V3__orders_index.sql': `${TIMEOUTS}CREATE INDEX orders_customer_idx ON orders (customer_id);`,
        'db/schema/U3__orders_index.sql': `${TIMEOUTS}DROP INDEX CONCURRENTLY orders_customer_idx;`,
        'tools/cleanup.sql': 'DROP INDEX everything_idx;',
      },
      { manifest: manifest({ migrations: './db/schema/' }) },
    );
    expect(findings.map((finding) => `${finding.rule} ${finding.path}:${finding.line}`)).toEqual([
      'migration-lock/require-concurrent-index-creation db/schema/V3__orders_index.sql:3',
    ]);
  });

  it('when a goose migration builds an index CONCURRENTLY without NO TRANSACTION, the finding says it will fail; with it, it passes', async () => {
    const body = `-- +goose Up\n${TIMEOUTS}CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n\n-- +goose Down\n${TIMEOUTS}DROP INDEX CONCURRENTLY orders_customer_idx;\n`;
    const wrapped = await runTextDetector(createMigrationLockDetector, { 'migrations/00007_index.sql': body });
    const failing = wrapped.filter(
      (finding) => finding.rule === 'migration-lock/ban-concurrent-index-creation-in-transaction',
    );
    expect(failing.map((finding) => finding.line)).toEqual([4, 9]);
    expect(failing[0]?.message).toContain('the migration will fail');
    const unwrapped = await runTextDetector(createMigrationLockDetector, {
      'migrations/00007_index.sql': `-- +goose NO TRANSACTION\n${body}`,
    });
    expect(unwrapped).toEqual([]);
  });

  it('when a goose file has no Down section, or a down file holds only comments, the migration is not safely reversible', async () => {
    const findings = await runTextDetector(createMigrationLockDetector, {
      'migrations/00001_users.sql': `-- header\n-- +goose Up\n${TIMEOUTS}CREATE TABLE users (id bigint);\n`,
      'migrations/00002_orders/up.sql': `${TIMEOUTS}CREATE TABLE orders (id bigint);`,
      'migrations/00002_orders/down.sql': '-- nothing to undo\n',
    });
    expect(findings.map((finding) => `${finding.rule} ${finding.path}:${finding.line ?? '-'}`).sort()).toEqual([
      'migration-lock/empty-down-migration migrations/00002_orders/down.sql:-',
      'migration-lock/missing-down-migration migrations/00001_users.sql:2',
    ]);
  });

  it('when the manifest says PostgreSQL >=10, a constant default is a table rewrite; with >=14 it is not', async () => {
    const files = {
      'migrations/0003_state.up.sql': `${TIMEOUTS}ALTER TABLE orders ADD COLUMN state text DEFAULT 'new';`,
      'migrations/0003_state.down.sql': `${TIMEOUTS}ALTER TABLE orders DROP COLUMN state;`,
    };
    const old = await runTextDetector(createMigrationLockDetector, files, {
      manifest: manifest({ dependencies: { postgresql: '>=10' } }),
    });
    expect(old.map((finding) => finding.rule)).toEqual(['migration-lock/adding-field-with-default']);
    expect(old[0]?.message).toContain('PostgreSQL 10');
    const recent = await runTextDetector(createMigrationLockDetector, files, {
      manifest: manifest({ dependencies: { postgresql: '>=14' } }),
    });
    expect(recent).toEqual([]);
  });

  it('when the first lock-taking statement carries a password, the evidence shows it masked and never in full', async () => {
    const password = 'Tr0ub4dor&3-horse-battery';
    const findings = await runTextDetector(createMigrationLockDetector, {
      'migrations/0004_role.up.sql': `CREATE ROLE reporting LOGIN PASSWORD '${password}';`,
      'migrations/0004_role.down.sql': `${TIMEOUTS}DROP ROLE reporting;`,
    });
    const timeout = findings.find((finding) => finding.rule === 'migration-lock/require-lock-timeout');
    expect(timeout?.evidence).toContain("PASSWORD 'Tr0u…(25 chars, masked)'");
    expect(JSON.stringify(findings)).not.toContain(password);
  });

  it('when a migration arrives in several segments, it is linted whole with file line numbers', async () => {
    const first = `${TIMEOUTS}CREATE TABLE audit (id bigint);\n`;
    const findings = await runTextDetector(createMigrationLockDetector, [
      textFile('migrations/0005_audit.up.sql', first),
      textFile('migrations/0005_audit.up.sql', 'CREATE INDEX audit_id_idx ON audit (id);\nDROP INDEX legacy_idx;\n', 4),
      textFile('migrations/0005_audit.down.sql', `${TIMEOUTS}DROP TABLE audit;`),
    ]);
    expect(findings.map((finding) => `${finding.rule}:${finding.line}`)).toEqual([
      'migration-lock/require-concurrent-index-deletion:5',
    ]);
  });
});
