import { parseMigrationName, type ParsedMigrationName } from './parse-migration-name.js';
import type { MigrationSections } from './split-migration-sections.js';

export type MigrationConvention =
  'up-down-files' | 'flyway' | 'flyway-repeatable' | 'directory' | 'goose' | 'sql-migrate' | 'single-file';

/** One migration of the package, in the order an installer applies it. */
export interface Migration {
  id: string;
  /** Paths inside the package. For goose and sql-migrate both point at the same file: apply its section. */
  upPath: string;
  downPath?: string;
  /** 0-based position in apply order. */
  order: number;
  convention: MigrationConvention;
}

/**
 * Pairs up and down migrations under `folder` (the manifest's `migrations`, default `migrations/`) and orders
 * them by version. `sectionsOf` reads a single file's goose / sql-migrate markers when the caller has its text.
 */
export function findMigrations(
  names: readonly string[],
  folder = 'migrations/',
  sectionsOf: (path: string) => MigrationSections | undefined = () => undefined,
): Migration[] {
  const prefix = normalizeFolder(folder);
  const groups = new Map<string, { parsed: ParsedMigrationName; up?: string; down?: string }>();
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const parsed = parseMigrationName(name.slice(prefix.length));
    if (!parsed) continue;
    const group = groups.get(parsed.key) ?? { parsed };
    if (parsed.direction === 'down') group.down = name;
    else group.up = name;
    if (parsed.direction !== 'down') group.parsed = parsed;
    groups.set(parsed.key, group);
  }
  const migrations = [...groups.values()].flatMap(({ parsed, up, down }): Candidate[] => {
    if (up === undefined) return [];
    const sections = parsed.convention === 'single-file' ? sectionsOf(up) : undefined;
    if (!sections) return [{ parsed, up, down, convention: parsed.convention }];
    return [{ parsed, up, down: sections.down ? up : undefined, convention: sections.style }];
  });
  migrations.sort((a, b) => compareVersions(a.parsed, b.parsed));
  return migrations.map(({ parsed, up, down, convention }, order) => ({
    id: parsed.id,
    upPath: up,
    ...(down !== undefined ? { downPath: down } : {}),
    order,
    convention,
  }));
}

interface Candidate {
  parsed: ParsedMigrationName;
  up: string;
  down: string | undefined;
  convention: MigrationConvention;
}

/** `./db/migrations` → `db/migrations/`. */
export function normalizeFolder(folder: string): string {
  const trimmed = folder.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  return trimmed === '' || trimmed === '.' ? '' : `${trimmed}/`;
}

function compareVersions(a: ParsedMigrationName, b: ParsedMigrationName): number {
  if (a.repeatable !== b.repeatable) return a.repeatable ? 1 : -1;
  if ((a.version.length === 0) !== (b.version.length === 0)) return a.version.length === 0 ? 1 : -1;
  for (let index = 0; index < Math.max(a.version.length, b.version.length); index += 1) {
    const difference = (a.version[index] ?? -1) - (b.version[index] ?? -1);
    if (difference !== 0) return difference;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
