import { beforeAll, describe, it, expect } from 'vitest';
import { loadSqlParser, parseSql } from '../../src/libpg-query/parse-sql.js';
import { lintMigration } from '../../src/preflight/detectors/migration-lock/lint-migration.js';

beforeAll(() => loadSqlParser());

/** Multi-byte text before and inside statements: é (2 bytes), ☕ (3 bytes), 😀 (4 bytes, 2 UTF-16 units). */
const MIGRATION = [
  "-- Migration écrite à Zürich ☕ — ne pas exécuter à l'heure de pointe",
  "SET lock_timeout = '3s';",
  "SET statement_timeout = '10min';",
  "COMMENT ON TABLE orders IS 'commandes 😀😀 clients';",
  '/* un commentaire',
  '   sur plusieurs lignes 😀 */',
  'CREATE INDEX orders_customer_idx',
  '  ON orders (customer_id);',
  "ALTER TABLE orders ADD COLUMN note text DEFAULT 'thé'; DROP INDEX orders_old_idx;",
  '',
  'ALTER TABLE orders',
  '  ALTER COLUMN total',
  '  TYPE numeric(12,2);',
].join('\n');

describe('migration line numbers', () => {
  it('when a migration holds accents, emoji and block comments, each hazard carries its statement’s own first line', () => {
    const lines = Object.fromEntries(lintMigration(MIGRATION).map((hazard) => [hazard.rule, hazard.line]));
    expect(lines).toEqual({
      'require-concurrent-index-creation': MIGRATION.split('\n').indexOf('CREATE INDEX orders_customer_idx') + 1,
      'require-concurrent-index-deletion': MIGRATION.split('\n').findIndex((line) => line.includes('DROP INDEX')) + 1,
      'changing-column-type': MIGRATION.split('\n').indexOf('ALTER TABLE orders') + 1,
    });
  });

  it('when the parser reads a statement, its byte offsets cut exactly that statement out of the UTF-8 text', () => {
    const parsed = parseSql(MIGRATION);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const bytes = Buffer.from(MIGRATION, 'utf8');
    const comment = parsed.statements.find((statement) => statement.kind === 'CommentStmt');
    expect(bytes.subarray(comment?.start, comment?.end).toString('utf8')).toBe(
      "COMMENT ON TABLE orders IS 'commandes 😀😀 clients'",
    );
    expect(parsed.statements.map((statement) => statement.line)).toEqual([2, 3, 4, 7, 9, 9, 11]);
  });

  it('when a statement cannot be parsed, the blocker names the line and column of the refused token', () => {
    const lines = ['-- café ☕ 😀', "SET lock_timeout = '3s';", 'ALTER TABLE commandes_été ADD COLUMN ;', 'SELECT 1;'];
    const [hazard, ...rest] = lintMigration(lines.join('\n'));
    const column = [...(lines[2] ?? '')].indexOf(';') + 1;
    expect(rest).toEqual([]);
    expect(hazard).toMatchObject({ rule: 'parse-error', severity: 'blocker', line: 3 });
    expect(hazard?.message).toContain(`line 3, column ${column}`);
    expect(hazard?.message).toContain('syntax error at or near ";"');
  });

  it('when a migration carries psql meta-commands, they are skipped and later lines keep their numbers', () => {
    const sql = "\\set ON_ERROR_STOP on\nSET lock_timeout = '3s';\n\\connect app\nDROP INDEX orders_old_idx;";
    expect(lintMigration(sql).find((hazard) => hazard.rule === 'require-concurrent-index-deletion')?.line).toBe(4);
  });

  it('when a file holds only comments or nothing, it parses to no statements instead of failing', () => {
    expect(parseSql('')).toEqual({ ok: true, statements: [] });
    expect(parseSql('-- nothing to undo\n/* really */\n')).toEqual({ ok: true, statements: [] });
  });
});
