import type { MigrationConvention } from './find-migrations.js';

export interface ParsedMigrationName {
  /** What an installer records as applied: the name without direction or `.sql`, folder included. */
  id: string;
  /** Up and down files of one migration share it. */
  key: string;
  direction: 'up' | 'down' | 'single';
  /** Numeric parts of the leading version (`0001` → [1], `V1_2` → [1, 2], `2024-01-31-1200` → [2024, 1, 31, 1200]). */
  version: number[];
  repeatable: boolean;
  convention: MigrationConvention;
}

/** Tried in this order; the first that matches names the convention. */
const CONVENTIONS: { pattern: RegExp; read: (match: RegExpExecArray, relative: string) => ParsedMigrationName }[] = [
  {
    pattern: /^(.+)\/(up|down)\.sql$/i,
    read: ([, id = '', word = '']) => named(id, `dir:${id}`, word, id.split('/').at(-1) ?? '', 'directory'),
  },
  {
    pattern: /^(.*\/)?([^/]+)\.(up|down)\.sql$/i,
    read: ([, dir = '', base = '', word = '']) =>
      named(`${dir}${base}`, `suffix:${dir}${base}`, word, base, 'up-down-files'),
  },
  {
    pattern: /^(.*\/)?([VU])(\d+(?:[._]\d+)*)__([^/]+)\.sql$/,
    read: ([, dir = '', prefix, version = '', description = '']) =>
      named(
        `${dir}V${version}__${description}`,
        `flyway:${dir}${version}`,
        prefix === 'V' ? 'up' : 'down',
        version,
        'flyway',
      ),
  },
  {
    pattern: /^(.*\/)?R__[^/]+\.sql$/,
    read: (_, relative) => ({
      ...named(relative.slice(0, -4), `repeatable:${relative}`, 'single', '', 'flyway-repeatable'),
      repeatable: true,
    }),
  },
  {
    pattern: /^(.*\/)?([^/]+)\.sql$/i,
    read: ([, , base = ''], relative) =>
      named(relative.slice(0, -4), `single:${relative}`, 'single', base, 'single-file'),
  },
];

/** Reads one path (relative to the migrations folder) as one of the supported naming conventions. */
export function parseMigrationName(relative: string): ParsedMigrationName | undefined {
  for (const { pattern, read } of CONVENTIONS) {
    const match = pattern.exec(relative);
    if (match) return read(match, relative);
  }
  return undefined;
}

function named(
  id: string,
  key: string,
  word: string,
  versioned: string,
  convention: MigrationConvention,
): ParsedMigrationName {
  const direction = word === 'single' ? 'single' : word.toLowerCase() === 'up' ? 'up' : 'down';
  const leading = /^\d+(?:[-._]\d+)*/.exec(versioned)?.[0] ?? '';
  const version = leading === '' ? [] : leading.split(/[-._]/).map(Number);
  return { id, key, direction, version, repeatable: false, convention };
}
