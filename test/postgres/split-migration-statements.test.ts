import { beforeAll, describe, it, expect } from 'vitest';
import { loadSqlParser } from '../../src/libpg-query/parse-sql.js';
import { MigrationFailed } from '../../src/postgres/migration-failed.js';
import { findFailedLine, splitMigrationStatements } from '../../src/postgres/split-migration-statements.js';

beforeAll(() => loadSqlParser());

/** The error splitMigrationStatements throws, or a failure of the test when it throws none. */
function refusalOf(id: string, sql: string, noTransaction = false): MigrationFailed {
  try {
    splitMigrationStatements({ id, sql, noTransaction });
  } catch (error) {
    if (error instanceof MigrationFailed) return error;
    throw error;
  }
  throw new Error(`${id} was not refused`);
}

describe('splitting a migration into statements before it runs', () => {
  it('when a migration does not parse, it is refused before anything runs, with the line PostgreSQL points at', () => {
    const refusal = refusalOf('0007_orders', "SET lock_timeout = '3s';\nALTER TABEL orders ADD COLUMN note text;\n");
    expect(refusal.failure).toMatchObject({ id: '0007_orders', code: '42601', line: 2, notRun: true });
    expect(refusal.message).toMatch(
      /^Migration 0007_orders failed at line 2 with PostgreSQL error 42601: it does not parse: syntax error at or near "TABEL"\. Nothing of it was run\. Fix the migration/,
    );
    expect(refusal.retryable).toBe(false);
  });

  it('when a migration that runs in a transaction holds its own BEGIN or COMMIT, it is refused at that line and told to drop it or opt out', () => {
    const sql =
      "SET lock_timeout = '3s';\n-- the vendor wraps it themselves\n\nBEGIN;\nCREATE TABLE audit (id bigint);\nCOMMIT;\n";
    const refusal = refusalOf('0008_audit', sql);
    expect(refusal.failure).toMatchObject({ id: '0008_audit', code: '25001', line: 4, notRun: true });
    expect(refusal.message).toContain(
      'line 4 controls the transaction itself (BEGIN, COMMIT, …), which would commit part of the migration before it is recorded; remove it, or mark the file -- no-transaction',
    );
    expect(refusal.message).toContain('Nothing of it was run.');
  });

  it('when a no-transaction migration holds BEGIN and COMMIT, they are kept as statements of their own', () => {
    const statements = splitMigrationStatements({
      id: '0009_audit',
      sql: 'BEGIN;\nCREATE TABLE audit (id bigint);\nCOMMIT;\n',
      noTransaction: true,
    });
    expect(statements.map(({ text, line }) => ({ text, line }))).toEqual([
      { text: 'BEGIN', line: 1 },
      { text: 'CREATE TABLE audit (id bigint)', line: 2 },
      { text: 'COMMIT', line: 3 },
    ]);
  });
});

describe('the line a failed statement is reported on', () => {
  const sql = [
    "SET lock_timeout = '3s';",
    '-- keep the note short',
    "UPDATE orders SET note = '😀😀'",
    'WHERE missing_column = 1;',
  ].join('\n');

  it('when PostgreSQL gives a position, it is counted in characters (an emoji is one) from the statement’s first line', () => {
    const [, update] = splitMigrationStatements({ id: '0010_notes', sql, noTransaction: false });
    expect(update).toMatchObject({ line: 3, tokenLine: 3 });
    const position = [...(update?.text ?? '').slice(0, update?.text.indexOf('WHERE'))].length + 1;
    expect(update && findFailedLine(update, { position: String(position) })).toBe(4);
    expect(update && findFailedLine(update, { position: '1' })).toBe(3);
  });

  it('when the error has no usable position, the line of the first token past any leading comment is reported; a position counts from the comment', () => {
    const statement = { text: '-- backfill\nUPDATE orders SET note = NULL', line: 7, tokenLine: 8 };
    expect(findFailedLine(statement, new Error('connection reset'))).toBe(8);
    expect(findFailedLine(statement, { position: '0' })).toBe(8);
    expect(findFailedLine(statement, undefined)).toBe(8);
    expect(findFailedLine(statement, { position: '13' })).toBe(8);
    expect(findFailedLine(statement, { position: '5' })).toBe(7);
  });
});
