import { describe, it, expect } from 'vitest';
import { findMigrations } from '../../src/preflight/detectors/migration-lock/find-migrations.js';
import { splitMigrationSections } from '../../src/preflight/detectors/migration-lock/split-migration-sections.js';

const pairs = (names: string[], folder?: string) =>
  findMigrations(names, folder).map(({ id, upPath, downPath, order }) => ({ id, upPath, downPath, order }));

describe('findMigrations', () => {
  it('when files follow 0001_name.up.sql / .down.sql, each up is paired with its down and versions sort as numbers', () => {
    const names = [
      'migrations/10_add_index.up.sql',
      'migrations/2_users.down.sql',
      'migrations/2_users.up.sql',
      'migrations/10_add_index.down.sql',
      'migrations/README.md',
    ];
    expect(pairs(names)).toEqual([
      { id: '2_users', upPath: 'migrations/2_users.up.sql', downPath: 'migrations/2_users.down.sql', order: 0 },
      {
        id: '10_add_index',
        upPath: 'migrations/10_add_index.up.sql',
        downPath: 'migrations/10_add_index.down.sql',
        order: 1,
      },
    ]);
  });

  it('when files follow Flyway V1__name.sql / U1__name.sql, the undo pairs by version and dotted versions sort part by part', () => {
    const names = [
      'db/V1_10__audit.sql',
      'db/V1_2__orders.sql',
      'db/U1_2__orders.sql',
      'db/V2__drop_legacy.sql',
      'db/R__views.sql',
    ];
    expect(findMigrations(names, 'db').map(({ id, downPath, convention }) => ({ id, downPath, convention }))).toEqual([
      { id: 'V1_2__orders', downPath: 'db/U1_2__orders.sql', convention: 'flyway' },
      { id: 'V1_10__audit', downPath: undefined, convention: 'flyway' },
      { id: 'V2__drop_legacy', downPath: undefined, convention: 'flyway' },
      { id: 'R__views', downPath: undefined, convention: 'flyway-repeatable' },
    ]);
  });

  it('when each migration is a folder with up.sql and down.sql, the folder name is the id and orders them', () => {
    const names = [
      './migrations/2024-02-01-090000_orders/up.sql',
      'migrations/2024-01-15-120000_users/down.sql',
      'migrations/2024-01-15-120000_users/up.sql',
    ];
    expect(
      pairs(
        names.map((name) => name.replace(/^\.\//, '')),
        './migrations/',
      ),
    ).toEqual([
      {
        id: '2024-01-15-120000_users',
        upPath: 'migrations/2024-01-15-120000_users/up.sql',
        downPath: 'migrations/2024-01-15-120000_users/down.sql',
        order: 0,
      },
      {
        id: '2024-02-01-090000_orders',
        upPath: 'migrations/2024-02-01-090000_orders/up.sql',
        downPath: undefined,
        order: 1,
      },
    ]);
  });

  it('when a single file carries -- +goose Up and -- +goose Down, the file is both its up and its down', () => {
    const texts: Record<string, string> = {
      'migrations/20240101120000_users.sql':
        '-- +goose Up\nCREATE TABLE users (id bigint);\n\n-- +goose Down\nDROP TABLE users;\n',
      'migrations/20240102120000_orders.sql': '-- +goose Up\nCREATE TABLE orders (id bigint);\n',
    };
    const found = findMigrations(Object.keys(texts), 'migrations/', (path) =>
      splitMigrationSections(texts[path] ?? ''),
    );
    expect(found.map(({ id, upPath, downPath, convention }) => ({ id, upPath, downPath, convention }))).toEqual([
      {
        id: '20240101120000_users',
        upPath: 'migrations/20240101120000_users.sql',
        downPath: 'migrations/20240101120000_users.sql',
        convention: 'goose',
      },
      {
        id: '20240102120000_orders',
        upPath: 'migrations/20240102120000_orders.sql',
        downPath: undefined,
        convention: 'goose',
      },
    ]);
  });

  it('when a single file carries -- +migrate Up and -- +migrate Down, each section keeps its own lines and transaction choice', () => {
    const text =
      '-- +migrate Up notransaction\nCREATE INDEX CONCURRENTLY i ON t (a);\n-- +migrate Down\nDROP INDEX i;\n';
    const sections = splitMigrationSections(text);
    expect(sections).toEqual({
      style: 'sql-migrate',
      up: { text: 'CREATE INDEX CONCURRENTLY i ON t (a);', firstLine: 2, inTransaction: false },
      down: { text: 'DROP INDEX i;\n', firstLine: 4, inTransaction: true },
    });
    const [migration] = findMigrations(['migrations/1_index.sql'], undefined, () => sections);
    expect(migration?.downPath).toBe('migrations/1_index.sql');
  });

  it('when some files carry no version, they run after the versioned ones, and equal versions run in name order', () => {
    const names = [
      'migrations/seed_reference_data.sql',
      'migrations/0002_orders_index.sql',
      'migrations/0002_orders.sql',
      'migrations/0001_init.sql',
      'migrations/add_views.sql',
    ];
    expect(findMigrations(names).map(({ id, order, convention }) => ({ id, order, convention }))).toEqual([
      { id: '0001_init', order: 0, convention: 'single-file' },
      { id: '0002_orders', order: 1, convention: 'single-file' },
      { id: '0002_orders_index', order: 2, convention: 'single-file' },
      { id: 'add_views', order: 3, convention: 'single-file' },
      { id: 'seed_reference_data', order: 4, convention: 'single-file' },
    ]);
  });

  it('when files sit outside the migrations folder, or a down has no up, they are not migrations', () => {
    expect(findMigrations(['sql/0001_a.up.sql', 'migrations/0002_b.down.sql', 'migrations/notes.txt'])).toEqual([]);
  });
});
