import { parseSql } from '../libpg-query/parse-sql.js';
import { MigrationFailed } from './migration-failed.js';
import type { MigrationScript } from './migration-script.js';

export interface MigrationStatement {
  text: string;
  /** 1-based line of `text`'s first character in the migration file. */
  line: number;
  /** 1-based line of the first token after leading comments: where an error without a position is reported. */
  tokenLine: number;
}

const LEADING_COMMENTS = /^(?:\s+|--[^\n]*|\/\*[\s\S]*?\*\/)*/;

/**
 * Splits a migration into statements with PostgreSQL's own parser (`loadSqlParser()` first). One statement per
 * query is what lets a no-transaction migration run at all: PostgreSQL wraps a multi-statement query in a transaction.
 */
export function splitMigrationStatements({ id, sql, noTransaction }: MigrationScript): MigrationStatement[] {
  const parsed = parseSql(sql);
  if (!parsed.ok) {
    const { message, line } = parsed.error;
    throw new MigrationFailed({ id, code: '42601', reason: `it does not parse: ${message}`, line, notRun: true });
  }
  const bytes = Buffer.from(sql, 'utf8');
  return parsed.statements.map((statement) => {
    const raw = bytes.subarray(statement.start, statement.end).toString('utf8');
    const line = statement.line + countNewlines(raw.slice(0, raw.length - raw.trimStart().length));
    const tokenLine = line + countNewlines(LEADING_COMMENTS.exec(statement.text)?.[0] ?? '');
    if (!noTransaction && statement.kind === 'TransactionStmt') {
      throw new MigrationFailed({
        id,
        code: '25001',
        reason: `line ${tokenLine} controls the transaction itself (BEGIN, COMMIT, …), which would commit part of the migration before it is recorded; remove it, or mark the file -- no-transaction`,
        line: tokenLine,
        notRun: true,
      });
    }
    return { text: statement.text, line, tokenLine };
  });
}

/** The line PostgreSQL's error points at (its `position` counts characters in the statement), else the statement's. */
export function findFailedLine(statement: MigrationStatement, error: unknown): number {
  const position = Number((error as { position?: unknown } | undefined)?.position);
  if (!Number.isInteger(position) || position < 1) return statement.tokenLine;
  return statement.line + countNewlines([...statement.text].slice(0, position - 1).join(''));
}

function countNewlines(text: string): number {
  return text.split('\n').length - 1;
}
