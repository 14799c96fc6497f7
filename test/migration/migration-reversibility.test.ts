import { describe, it, expect } from 'vitest';
import { escapeForDisplay } from '../../src/core/findings/escape-for-display.js';
import { createMigrationLockDetector } from '../../src/preflight/detectors/migration-lock/create-migration-lock-detector.js';
import { runTextDetector, textFile } from '../detectors/run-text-detector.js';

const TIMEOUTS = "SET lock_timeout = '3s';\nSET statement_timeout = '10min';\n";

const missingDown = async (files: Record<string, string>) =>
  (await runTextDetector(createMigrationLockDetector, files)).filter(
    (finding) => finding.rule === 'migration-lock/missing-down-migration',
  );

describe('migration-lock detector on migrations without a way back', () => {
  it.each([
    ['a Flyway V file', 'migrations/V3__orders.sql', 'migrations/U3__orders.sql'],
    ['a Flyway V file in a subfolder', 'migrations/v5/V5_1__audit.sql', 'migrations/v5/U5_1__audit.sql'],
    ['a migration folder', 'migrations/20240201_orders/up.sql', 'migrations/20240201_orders/down.sql'],
  ])('when %s has no undo, the blocker asks the vendor for the file that would pair with it', async (_, up, down) => {
    const [finding] = await missingDown({ [up]: `${TIMEOUTS}CREATE TABLE orders (id bigint);` });
    expect(finding).toMatchObject({ category: 'migration-lock', severity: 'blocker', path: up });
    expect(finding?.line).toBeUndefined();
    expect(finding?.message).toContain('not safely reversible');
    expect(finding?.remediation).toBe(
      `Ask the vendor for ${escapeForDisplay(down)}, tested against this release, or a restore plan (a backup taken just before the upgrade and the steps to restore it) before approving.`,
    );
  });

  it('when a sql-migrate file has an Up section and no Down section, the blocker points at its Up marker and asks for a Down section', async () => {
    const path = 'migrations/3_orders.sql';
    const [finding] = await missingDown({
      [path]: `-- orders table\n-- +migrate Up\n${TIMEOUTS}CREATE TABLE orders (id bigint);\n`,
    });
    expect(finding).toMatchObject({ severity: 'blocker', path, line: 2 });
    expect(finding?.remediation).toContain(
      `Ask the vendor for ${escapeForDisplay('a "-- +migrate Down" section in the file')}`,
    );
  });

  it('when a goose file has a Down marker with no SQL under it, the blocker points at that marker', async () => {
    const path = 'migrations/00004_orders.sql';
    const findings = await runTextDetector(createMigrationLockDetector, {
      [path]: `-- +goose Up\n${TIMEOUTS}CREATE TABLE orders (id bigint);\n\n-- +goose Down\n-- nothing to undo\n`,
    });
    expect(findings.map(({ rule, severity, path: where, line }) => ({ rule, severity, where, line }))).toEqual([
      { rule: 'migration-lock/empty-down-migration', severity: 'blocker', where: path, line: 6 },
    ]);
    expect(findings[0]?.message).toContain('contains no SQL statements, so the migration is not safely reversible');
  });

  it('when a plain .sql file carries no up/down naming and no section markers, the blocker asks for a matching down migration', async () => {
    const [finding] = await missingDown({
      'migrations/0003_orders.sql': `${TIMEOUTS}CREATE TABLE orders (id bigint);`,
    });
    expect(finding?.message).toContain(`Migration ${escapeForDisplay('0003_orders')} has no down migration`);
    expect(finding?.remediation).toContain('Ask the vendor for a matching down migration, tested against this release');
  });

  it('when a Flyway repeatable migration (R__) has no undo, it is not reported, since it is re-applied rather than rolled back', async () => {
    const findings = await runTextDetector(createMigrationLockDetector, {
      'migrations/R__order_views.sql': `${TIMEOUTS}CREATE OR REPLACE VIEW open_orders AS SELECT 1 AS id;`,
    });
    expect(findings).toEqual([]);
  });
});

describe('migration-lock detector on a migration too large to parse', () => {
  it('when a migration grows beyond 64 MiB across its segments, it is a warning that it was not checked, and its missing down is still reported', async () => {
    const path = 'migrations/0009_seed.up.sql';
    const rows = "INSERT INTO audit (note) VALUES ('seed');\n";
    const half = rows.repeat(Math.ceil((33 * 1024 * 1024) / rows.length));
    const findings = await runTextDetector(createMigrationLockDetector, [
      textFile(path, half),
      textFile(path, half, half.split('\n').length),
    ]);
    expect(findings.map(({ rule, severity, path: where, line }) => ({ rule, severity, where, line }))).toEqual([
      { rule: 'migration-lock/not-checked', severity: 'warning', where: path, line: undefined },
      { rule: 'migration-lock/missing-down-migration', severity: 'blocker', where: path, line: undefined },
    ]);
    expect(findings[0]?.message).toBe(
      'This migration is larger than 64 MiB, so it was not parsed: its locks were not checked.',
    );
    expect(findings[0]?.remediation).toBe('Review it by hand, or split it into smaller migrations.');
  });
});
