import { hasSqlDetails, loadModule, parseSync, type Node } from 'libpg-query';
import { createLineLocator, sliceCodePoints, type LineLocator } from './create-line-locator.js';

/** PostgreSQL's own AST node types, re-exported so rules never import the vendor package themselves. */
export type * from 'libpg-query';

export interface SqlStatement {
  /** The statement's AST: an object with one key naming its kind (`AlterTableStmt`, `IndexStmt`, …). */
  node: Node;
  kind: string;
  /** UTF-8 byte offsets of the statement's first token and of its end (before the `;`). */
  start: number;
  end: number;
  /** 1-based line of the statement's first token. */
  line: number;
  text: string;
}

export interface SqlParseError {
  message: string;
  /** UTF-8 byte offset, 1-based line and 1-based column (in characters) of the token PostgreSQL refused. */
  offset: number;
  line: number;
  column: number;
}

/**
 * `tooDeep`: PostgreSQL's grammar may well take the SQL, but the parser dten runs (WASM) ran out of stack on a statement
 * nested thousands of levels deep (`a || b || …`); nothing was read, and the error says so rather than PostgreSQL.
 */
export type ParsedSql =
  { ok: true; statements: SqlStatement[] } | { ok: false; error: SqlParseError; tooDeep?: boolean };

let loading: Promise<void> | undefined;

/** Loads the WASM parser once; `parseSql` may be called after this resolves. */
export function loadSqlParser(): Promise<void> {
  loading ??= loadModule();
  return loading;
}

/** Parses with the real PostgreSQL 18 grammar; a file with one bad statement yields only the error. */
export function parseSql(sql: string): ParsedSql {
  const bytes = Buffer.from(sql, 'utf8');
  const locator = createLineLocator(bytes);
  if (sql.trim() === '') return { ok: true, statements: [] };
  try {
    const result = parseSync(sql);
    const statements = (result.stmts ?? []).flatMap((raw) =>
      raw.stmt ? [toStatement(raw.stmt, raw, bytes, locator)] : [],
    );
    return { ok: true, statements };
  } catch (error) {
    if (error instanceof RangeError) {
      const message = 'a statement is nested too deeply for the SQL parser dten runs';
      return { ok: false, tooDeep: true, error: { message, offset: 0, line: 1, column: 1 } };
    }
    if (!hasSqlDetails(error) || error.sqlDetails === undefined) throw error;
    // PostgreSQL reports a 0-based character (code point) index, not a byte or UTF-16 offset.
    const offset = Buffer.byteLength(sliceCodePoints(sql, error.sqlDetails.cursorPosition), 'utf8');
    const { line, column } = locator.locate(offset);
    return { ok: false, error: { message: error.sqlDetails.message, offset, line, column } };
  }
}

function toStatement(
  node: Node,
  raw: { stmt_location?: number; stmt_len?: number },
  bytes: Buffer,
  locator: LineLocator,
): SqlStatement {
  // The protobuf JSON omits zeros: a missing location is 0 and a missing length runs to the end.
  const start = raw.stmt_location ?? 0;
  const end = raw.stmt_len ? start + raw.stmt_len : bytes.length;
  return {
    node,
    kind: Object.keys(node)[0] ?? 'Unknown',
    start,
    end,
    line: locator.locate(start).line,
    text: bytes.subarray(start, end).toString('utf8').trim(),
  };
}
