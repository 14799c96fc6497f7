import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPackageMigrations } from '../../src/postgres/load-package-migrations.js';
import { buildExampleReleases, type ExampleReleases } from './build-example-releases.js';

let releases: ExampleReleases;
let scratch: string;

beforeAll(async () => {
  releases = await buildExampleReleases();
  scratch = await mkdtemp(join(tmpdir(), 'dten-load-migrations-'));
});
afterAll(async () => {
  await releases?.remove();
  await rm(scratch, { recursive: true, force: true });
});

async function writeRelease(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(scratch, name);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

describe('reading the migrations of an extracted release', () => {
  it('when the ready release is read, its migrations come in file order with their downs, and only the -- no-transaction files run outside a transaction', async () => {
    const folder = join(releases.dirs.ready, 'migrations');
    const files = (await readdir(folder)).sort();

    const migrations = await loadPackageMigrations(releases.dirs.ready);

    const ups = files.filter((file) => file.endsWith('.up.sql'));
    expect(migrations.map((migration) => migration.id)).toEqual(ups.map((file) => file.replace('.up.sql', '')));
    for (const migration of migrations) {
      const up = await readFile(join(folder, `${migration.id}.up.sql`), 'utf8');
      const down = await readFile(join(folder, `${migration.id}.down.sql`), 'utf8');
      expect(migration.sql).toBe(up);
      expect(migration.noTransaction).toBe(up.startsWith('-- no-transaction\n'));
      expect(migration.down).toEqual({ sql: down, noTransaction: down.startsWith('-- no-transaction\n') });
    }
    expect(migrations.filter((migration) => migration.noTransaction).map((migration) => migration.id)).toEqual([
      '0002_sessions_node_index',
    ]);
  });

  it("when a release ships goose files, each section becomes the up or the down and goose's NO TRANSACTION is honoured", async () => {
    const dir = await writeRelease('goose', {
      'db/migrations/20240101120000_flags.sql':
        '-- +goose Up\nCREATE TABLE dten_flags (name text);\n-- +goose Down\nDROP TABLE dten_flags;\n',
      'db/migrations/20240102120000_flags_index.sql':
        '-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY dten_flags_name ON dten_flags (name);\n',
    });

    const migrations = await loadPackageMigrations(dir, './db/migrations');

    expect(migrations).toEqual([
      {
        id: '20240101120000_flags',
        sql: 'CREATE TABLE dten_flags (name text);',
        noTransaction: false,
        down: { sql: 'DROP TABLE dten_flags;\n', noTransaction: false },
      },
      {
        id: '20240102120000_flags_index',
        sql: 'CREATE INDEX CONCURRENTLY dten_flags_name ON dten_flags (name);\n',
        noTransaction: true,
      },
    ]);
  });

  it('when -- no-transaction is not the first line, the migration still runs in a transaction', async () => {
    const dir = await writeRelease('late-marker', {
      'migrations/0001_late.up.sql': '-- adds a column\n-- no-transaction\nALTER TABLE t ADD COLUMN c int;\n',
    });

    const [late] = await loadPackageMigrations(dir);

    expect(late?.noTransaction).toBe(false);
    expect(late?.down).toBeUndefined();
  });

  it('when a release has no migrations folder, there is nothing to apply', async () => {
    const dir = await writeRelease('no-migrations', { 'manifest.json': '{}' });
    expect(await loadPackageMigrations(dir)).toEqual([]);
  });
});
