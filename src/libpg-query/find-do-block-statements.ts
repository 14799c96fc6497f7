import { parsePlPgSQLSync } from 'libpg-query';
import { createLineLocator } from './create-line-locator.js';
import { parseSql, type SqlStatement } from './parse-sql.js';

/**
 * The SQL statements a PL/pgSQL `DO` block runs (its `execsql` statements, in IF, LOOP and nested blocks too), parsed
 * on their own and placed on the lines of the file they are in. A DO block runs when the migration does, so what it
 * runs takes its locks then; a function body runs only when called and is not looked into. Dynamic SQL (`EXECUTE
 * '…'`) and a block in another language give nothing; so does a statement that needs the block's variables to parse.
 */
export function findDoBlockStatements(statement: SqlStatement): SqlStatement[] {
  const node = statement.node;
  if (!('DoStmt' in node)) return [];
  const options = (node.DoStmt.args ?? []).flatMap((arg) => ('DefElem' in arg ? [arg.DefElem] : []));
  const language = options.find((option) => option.defname === 'language')?.arg;
  const plpgsql = language === undefined || ('String' in language && language.String.sval === 'plpgsql');
  if (!plpgsql) return [];
  const body = options.find((option) => option.defname === 'as');
  let tree: unknown;
  try {
    tree = parsePlPgSQLSync(`${statement.text};`);
  } catch {
    return []; // the server would refuse the block too; the migration's own parse is what reports SQL errors
  }
  // PL/pgSQL numbers lines from the body's first line, which is the line the body's opening quote is on.
  const bodyOffset = (body?.location ?? statement.start) - statement.start;
  const bodyLine = statement.line - 1 + createLineLocator(Buffer.from(statement.text, 'utf8')).locate(bodyOffset).line;
  return collectExecSql(tree).flatMap(({ query, lineno }) => {
    const parsed = parseSql(query);
    if (!parsed.ok) return [];
    return parsed.statements.map((inner) => ({ ...inner, line: bodyLine + Math.max(0, lineno - 1) }));
  });
}

function collectExecSql(tree: unknown): Array<{ query: string; lineno: number }> {
  const found: Array<{ query: string; lineno: number }> = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    const exec = record.PLpgSQL_stmt_execsql as
      { lineno?: number; sqlstmt?: { PLpgSQL_expr?: { query?: string } } } | undefined;
    const query = exec?.sqlstmt?.PLpgSQL_expr?.query;
    if (query !== undefined) found.push({ query, lineno: exec?.lineno ?? 1 });
    Object.values(record).forEach(visit);
  };
  visit(tree);
  return found;
}
