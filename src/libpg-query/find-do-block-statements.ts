import { parsePlPgSQLSync } from 'libpg-query';
import { createLineLocator } from './create-line-locator.js';
import type { SqlStatement } from './parse-sql.js';
import { parseSqlFragment } from './parse-sql-fragment.js';
import { readDynamicSql } from './read-dynamic-sql.js';

/** EXECUTEs read per DO block; past this many the rest count as unread (a generated block, or a hostile one). */
const MAX_EXECUTES = 256;

export interface DoBlockStatement extends SqlStatement {
  /** Set when this is the SQL an `EXECUTE` runs: the `{name}` placeholders in it stand for run-time values. */
  executed?: { placeholders: string[] };
}

export interface DoBlock {
  statements: DoBlockStatement[];
  /** Every statement in the block was read (none needed the block's variables to parse, no EXECUTE was unread). */
  complete: boolean;
  /** Statements whose SQL dten cannot see: EXECUTEs of run-time SQL, CALLs, loops and cursors over EXECUTE, as shown. */
  unreadSql: Array<{ line: number; expression: string }>;
}

interface BlockStep {
  query: string;
  lineno: number;
  /** `dynamic`: an EXECUTE's string; `opaque`: SQL dten cannot see from here (a procedure, a cursor or loop over EXECUTE). */
  kind: 'static' | 'dynamic' | 'opaque';
  /** How an opaque step is shown: `FOR … IN EXECUTE '…'`. */
  shown?: string;
}

/** How a statement that runs SQL the block does not spell out is shown; each makes the block one dten cannot read whole. */
const OPAQUE_SHOWN: Record<string, string> = {
  PLpgSQL_stmt_dynfors: 'FOR … IN EXECUTE',
  PLpgSQL_stmt_open: 'OPEN … FOR EXECUTE',
  PLpgSQL_stmt_return_query: 'RETURN QUERY EXECUTE',
};
const OPAQUE_STEPS = ['PLpgSQL_stmt_call', ...Object.keys(OPAQUE_SHOWN)];

/**
 * The SQL statements a PL/pgSQL `DO` block runs (its `execsql` and PERFORM statements, and the SQL of an `EXECUTE`
 * where constants make it known, in IF, LOOP and nested blocks too), parsed on their own and placed on the lines of
 * the file they are in. A DO block runs when the migration does, so what it runs takes its locks then; a function
 * body runs only when called and is not looked into. Undefined for any other statement, a block in another language or
 * one PL/pgSQL refuses; a statement that needs the block's variables to parse is left out (and the block incomplete).
 */
export function findDoBlockStatements(statement: SqlStatement): DoBlock | undefined {
  const node = statement.node;
  if (!('DoStmt' in node)) return undefined;
  const options = (node.DoStmt.args ?? []).flatMap((arg) => ('DefElem' in arg ? [arg.DefElem] : []));
  const language = options.find((option) => option.defname === 'language')?.arg;
  const plpgsql = language === undefined || ('String' in language && language.String.sval === 'plpgsql');
  if (!plpgsql) return undefined;
  const body = options.find((option) => option.defname === 'as');
  let tree: unknown;
  try {
    tree = parsePlPgSQLSync(`${statement.text};`);
  } catch {
    return undefined; // the server would refuse the block too; the migration's own parse is what reports SQL errors
  }
  // PL/pgSQL numbers lines from the body's first line, which is the line the body's opening quote is on.
  const bodyOffset = (body?.location ?? statement.start) - statement.start;
  const bodyLine = statement.line - 1 + createLineLocator(Buffer.from(statement.text, 'utf8')).locate(bodyOffset).line;
  const block: DoBlock = { statements: [], complete: true, unreadSql: [] };
  let executes = 0;
  for (const { query, lineno, kind, shown } of collectSteps(tree)) {
    const line = bodyLine + Math.max(0, lineno - 1);
    if (kind === 'opaque') {
      block.unreadSql.push({ line, expression: shown ?? query });
      block.complete = false;
      continue;
    }
    if (kind === 'static') {
      const parsed = parseSqlFragment(query);
      if (parsed) block.statements.push(...parsed.map((inner) => ({ ...inner, line })));
      else block.complete = false;
      continue;
    }
    executes += 1;
    const read = executes <= MAX_EXECUTES ? readDynamicSql(query) : undefined;
    const parsed = read && parseSqlFragment(read.sql);
    if (!read || !parsed || parsed.length === 0) {
      block.unreadSql.push({ line, expression: `EXECUTE ${query}` });
      block.complete = false;
      continue;
    }
    const executed = { placeholders: read.placeholders };
    block.statements.push(...parsed.map((inner) => ({ ...inner, line, executed })));
  }
  return block;
}

/** The block's SQL steps in the order they are written; a walk with its own stack, as blocks may nest deeply. */
function collectSteps(tree: unknown): BlockStep[] {
  const found: BlockStep[] = [];
  const pending: unknown[] = [tree];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null) continue;
    const children = Array.isArray(value) ? (value as unknown[]) : Object.values(value);
    for (let index = children.length - 1; index >= 0; index -= 1) pending.push(children[index]);
    if (Array.isArray(value)) continue;
    const record = value as Record<string, unknown>;
    const opaque = OPAQUE_STEPS.find((name) => name in record);
    const step = (record.PLpgSQL_stmt_execsql ??
      record.PLpgSQL_stmt_perform ??
      record.PLpgSQL_stmt_dynexecute ??
      (opaque === undefined ? undefined : record[opaque])) as BlockStepNode | undefined;
    const query = (step?.sqlstmt ?? step?.expr ?? step?.query ?? step?.dynquery)?.PLpgSQL_expr?.query;
    if (query === undefined) continue;
    const lineno = step?.lineno ?? 1;
    if ('PLpgSQL_stmt_dynexecute' in record) found.push({ query, lineno, kind: 'dynamic' });
    else if (opaque === 'PLpgSQL_stmt_call') found.push({ query, lineno, kind: 'opaque', shown: query });
    // A loop, cursor or RETURN QUERY over a query written out is SQL like any other; over EXECUTE it is hidden.
    else if (opaque !== undefined && (opaque === 'PLpgSQL_stmt_dynfors' || step?.dynquery !== undefined))
      found.push({ query, lineno, kind: 'opaque', shown: `${OPAQUE_SHOWN[opaque] ?? ''} ${query}` });
    else found.push({ query, lineno, kind: 'static' });
  }
  return found;
}

interface BlockStepNode {
  lineno?: number;
  sqlstmt?: PlpgsqlExpression;
  expr?: PlpgsqlExpression;
  query?: PlpgsqlExpression;
  dynquery?: PlpgsqlExpression;
}

interface PlpgsqlExpression {
  PLpgSQL_expr?: { query?: string };
}
