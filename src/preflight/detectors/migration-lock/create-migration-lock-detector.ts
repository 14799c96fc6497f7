import type { Finding } from '../../../core/findings/finding.js';
import { loadSqlParser } from '../../../libpg-query/parse-sql.js';
import type { DetectorFactory, FileMeta } from '../../detector.js';
import { normalizeFolder } from './find-migrations.js';
import { lintPackageMigrations } from './lint-package-migrations.js';
import { readPostgresMajor } from './read-postgres-major.js';

/** Beyond this a single migration is not parsed (the report says so); real migrations are far smaller. */
const MAX_MIGRATION_CHARS = 64 * 1024 * 1024;

/**
 * Lints every `.sql` file under the manifest's migrations folder with PostgreSQL's own parser (lock hazards),
 * and checks that each migration has a down migration (reversibility).
 */
export const createMigrationLockDetector: DetectorFactory = async (ctx) => {
  await loadSqlParser();
  const folder = normalizeFolder(ctx.manifest?.migrations ?? 'migrations/');
  const postgresMajor = readPostgresMajor(ctx.manifest, ctx.options);
  const texts = new Map<string, { meta: FileMeta; text: string; tooLarge: boolean }>();
  return {
    id: 'migration-lock',
    scanText(file) {
      const { meta } = file;
      if (meta.depth !== 0 || !meta.name.startsWith(folder) || !/\.sql$/i.test(meta.name)) return [];
      const entry = texts.get(meta.name) ?? { meta, text: '', tooLarge: false };
      if (entry.text.length + file.text.length > MAX_MIGRATION_CHARS) entry.tooLarge = true;
      else entry.text += file.text;
      texts.set(meta.name, entry);
      return [];
    },
    finish(files): Finding[] {
      const names = files.filter((file) => file.depth === 0).map((file) => file.name);
      return lintPackageMigrations({ names, folder, texts, postgresMajor });
    },
  };
};
