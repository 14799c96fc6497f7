import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { measureSquawk } from '../../scripts/conformance/squawk-corpus.js';

const CASES = [
  {
    rule: 'require-concurrent-index-creation',
    test: 'plain_index_err',
    expect: 'error',
    settings: null,
    sql: 'CREATE INDEX i ON t (a);',
  },
  {
    rule: 'require-concurrent-index-creation',
    test: 'concurrent_index_ok',
    expect: 'ok',
    settings: null,
    sql: 'CREATE INDEX CONCURRENTLY i ON t (a);',
  },
  {
    rule: 'renaming-column',
    test: 'claims_rename_is_ok',
    expect: 'ok',
    settings: null,
    sql: 'ALTER TABLE t RENAME COLUMN a TO b;',
  },
  {
    rule: 'changing-column-type',
    test: 'garbled_sql_err',
    expect: 'error',
    settings: null,
    sql: 'ALTER TABLE t ALTER COLUMN a TYP text;',
  },
  {
    rule: 'ban-concurrent-index-creation-in-transaction',
    test: 'assumed_err',
    expect: 'error',
    settings: 'assume_in_transaction: true, ..Default::default()',
    sql: 'CREATE INDEX CONCURRENTLY i ON t (a);',
  },
  {
    rule: 'prefer-text-field',
    test: 'varchar_err',
    expect: 'error',
    settings: null,
    sql: 'CREATE TABLE t (a varchar(10));',
  },
];

describe('measureSquawk', () => {
  it('when squawk and dten disagree, the case is listed by test name and only default-settings cases count toward agreement', async () => {
    const corpora = await mkdtemp(join(tmpdir(), 'dten-squawk-'));
    try {
      await mkdir(join(corpora, 'squawk-cases'));
      await writeFile(
        join(corpora, 'squawk-cases', 'linter-rule-tests.jsonl'),
        CASES.map((line) => JSON.stringify(line)).join('\n'),
      );
      const result = await measureSquawk(corpora);
      expect(result).toMatchObject({ cases: 4, agreement: 0.5 });
      const text = result.lines.join('\n');
      expect(text).toContain('renaming-column / claims_rename_is_ok: squawk expects ok, dten reported it');
      expect(text).toContain(
        'changing-column-type / garbled_sql_err: squawk expects error, dten could not parse the SQL',
      );
      expect(text).toContain(
        'cases with settings (assume_in_transaction and pg_version applied; "custom" run with defaults): 1/1',
      );
      expect(text).toContain('prefer-text-field (1): schema style');
    } finally {
      await rm(corpora, { recursive: true, force: true });
    }
  });

  it('when the corpus is absent, it says so instead of failing', async () => {
    const result = await measureSquawk(join(tmpdir(), 'dten-no-such-corpus'));
    expect(result.cases).toBe(0);
    expect(result.lines[0]).toContain('not found');
  });
});
