import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { findMigrations, normalizeFolder } from '../preflight/detectors/migration-lock/find-migrations.js';
import {
  splitMigrationSections,
  type MigrationSections,
} from '../preflight/detectors/migration-lock/split-migration-sections.js';
import type { PackageMigration } from './migration-script.js';

const NO_TRANSACTION = /^--\s*no-transaction\s*$/i;

/**
 * Reads the migrations of an extracted release (`folder` is the manifest's `migrations`), in apply order, with
 * their downs. Goose and sql-migrate files give one section each; other files opt out of the transaction with a
 * first line `-- no-transaction`.
 */
export async function loadPackageMigrations(releaseDir: string, folder = 'migrations/'): Promise<PackageMigration[]> {
  const prefix = normalizeFolder(folder);
  const texts = await readSqlFiles(releaseDir, prefix);
  const sections = new Map<string, MigrationSections>();
  for (const [name, text] of texts) {
    const split = splitMigrationSections(text);
    if (split) sections.set(name, split);
  }
  return findMigrations([...texts.keys()], prefix, (name) => sections.get(name)).map((migration) => {
    const split = sections.get(migration.upPath);
    const upText = texts.get(migration.upPath) ?? '';
    const up = split ? { sql: split.up.text, noTransaction: !split.up.inTransaction } : readScript(upText);
    const downText = migration.downPath === undefined ? undefined : texts.get(migration.downPath);
    const down = split?.down
      ? { sql: split.down.text, noTransaction: !split.down.inTransaction }
      : downText !== undefined && !split
        ? readScript(downText)
        : undefined;
    return { id: migration.id, ...up, ...(down ? { down } : {}) };
  });
}

function readScript(text: string): { sql: string; noTransaction: boolean } {
  return { sql: text, noTransaction: NO_TRANSACTION.test(text.split('\n', 1)[0]?.trimEnd() ?? '') };
}

/** Every `.sql` file under the folder, keyed by its `/`-separated path inside the release. */
async function readSqlFiles(releaseDir: string, prefix: string): Promise<Map<string, string>> {
  const root = join(releaseDir, prefix);
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch((error: unknown) => {
    if ((error as { code?: string }).code === 'ENOENT') return [];
    throw error;
  });
  const texts = new Map<string, string>();
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.toLowerCase().endsWith('.sql')) continue;
    const path = join(entry.parentPath, entry.name);
    texts.set(`${prefix}${relative(root, path).split(sep).join('/')}`, await readFile(path, 'utf8'));
  }
  return texts;
}
