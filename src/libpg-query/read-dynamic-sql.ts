import { expandFormat, type FormatArgument, type SqlPiece } from './expand-format.js';
import type { A_Const, A_Expr, Node } from './parse-sql.js';
import { parseSqlFragment } from './parse-sql-fragment.js';
import { quoteSqlValue } from './quote-sql-value.js';
import { renderSqlPieces } from './render-sql-pieces.js';

/** Longest expression, and longest SQL built from it, that is read; a real EXECUTE string is far shorter. */
const MAX_DYNAMIC_SQL_CHARS = 64 * 1024;
/** Nesting of calls and casts followed; `||` chains are flattened and do not count. */
const MAX_DEPTH = 16;
const QUOTING = new Set(['quote_ident', 'quote_literal', 'quote_nullable']);

export interface DynamicSql {
  sql: string;
  /** The `{name}` placeholders in `sql`, each standing for a value the block computes when it runs. */
  placeholders: string[];
}

/**
 * The SQL an `EXECUTE` runs, read from its expression when that is built from string constants (`'…'`, `E'…'`,
 * `$q$…$q$`), `||`, `concat()`, `format()` and `quote_*()`: every other part becomes a `{name}` placeholder named after
 * the variable in it, an identifier or (from `%L`, `quote_literal`) a literal. Undefined when nothing constant is in it
 * (a variable holding the SQL) or the expression is too long or not understood.
 */
export function readDynamicSql(expression: string): DynamicSql | undefined {
  if (expression.length > MAX_DYNAMIC_SQL_CHARS) return undefined;
  const [statement, ...more] = parseSqlFragment(`SELECT ${expression}\n`) ?? [];
  const select = statement && 'SelectStmt' in statement.node ? statement.node.SelectStmt : undefined;
  const [target, ...others] = select?.targetList ?? [];
  if (more.length > 0 || others.length > 0 || select?.fromClause) return undefined;
  const value = target && 'ResTarget' in target ? target.ResTarget.val : undefined;
  const pieces = value && evaluate(value, 0);
  if (!pieces?.some((piece) => 'text' in piece && piece.text.trim() !== '')) return undefined;
  const rendered = renderSqlPieces(pieces);
  return rendered.sql.length > MAX_DYNAMIC_SQL_CHARS ? undefined : rendered;
}

function evaluate(node: Node, depth: number): SqlPiece[] | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if ('A_Const' in node) {
    const text = constantText(node.A_Const);
    return text === undefined ? undefined : [{ text }];
  }
  if ('TypeCast' in node) return node.TypeCast.arg && evaluate(node.TypeCast.arg, depth + 1);
  const parts = concatenated(node);
  if (parts) return joined(parts.map((part) => evaluate(part, depth + 1)));
  if (!('FuncCall' in node) || node.FuncCall.func_variadic) return [{ placeholder: nameOf(node), literal: false }];
  const last = node.FuncCall.funcname?.at(-1);
  const name = last && 'String' in last ? last.String.sval : undefined;
  const args = node.FuncCall.args ?? [];
  if (name === 'concat') return joined(args.filter((arg) => !isNull(arg)).map((arg) => evaluate(arg, depth + 1)));
  if (name === 'format') return evaluateFormat(args, depth);
  const [arg, ...extra] = args;
  if (!name || !QUOTING.has(name) || !arg || extra.length > 0) return [{ placeholder: nameOf(node), literal: false }];
  if (name === 'quote_nullable' && isNull(arg)) return [{ text: 'NULL' }];
  const text = constantOf(evaluate(arg, depth + 1));
  const as = name === 'quote_ident' ? 'identifier' : 'literal';
  return text === undefined
    ? [{ placeholder: nameOf(arg), literal: as === 'literal' }]
    : [{ text: quoteSqlValue(text, as) }];
}

function evaluateFormat(args: Node[], depth: number): SqlPiece[] | undefined {
  const [first, ...rest] = args;
  const format = first && constantOf(evaluate(first, depth + 1));
  if (format === undefined) return undefined;
  const values = rest.map((arg): FormatArgument => {
    if (isNull(arg)) return null;
    const text = constantOf(evaluate(arg, depth + 1));
    return text === undefined ? { placeholder: nameOf(arg) } : { text };
  });
  return expandFormat(format, values, MAX_DYNAMIC_SQL_CHARS);
}

/** The operands of `a || b || c` (parsed left-deep), without recursing once per operand. */
function concatenated(node: Node): Node[] | undefined {
  const parts: Node[] = [];
  let left: Node | undefined = node;
  while (left && isConcatenation(left)) {
    if (!left.A_Expr.rexpr) return undefined;
    parts.push(left.A_Expr.rexpr);
    left = left.A_Expr.lexpr;
  }
  if (parts.length === 0 || !left) return undefined;
  return [left, ...parts.reverse()];
}

function isConcatenation(node: Node): node is { A_Expr: A_Expr } {
  if (!('A_Expr' in node) || node.A_Expr.kind !== 'AEXPR_OP') return false;
  const operator = node.A_Expr.name?.at(-1);
  return operator !== undefined && 'String' in operator && operator.String.sval === '||';
}

function joined(parts: Array<SqlPiece[] | undefined>): SqlPiece[] | undefined {
  const pieces: SqlPiece[] = [];
  let length = 0;
  for (const part of parts) {
    if (!part) return undefined;
    pieces.push(...part);
    length += part.reduce((sum, piece) => sum + ('text' in piece ? piece.text.length : piece.placeholder.length), 0);
    if (length > MAX_DYNAMIC_SQL_CHARS) return undefined;
  }
  return pieces;
}

function constantOf(pieces: SqlPiece[] | undefined): string | undefined {
  if (!pieces?.every((piece) => 'text' in piece)) return undefined;
  return pieces.map((piece) => ('text' in piece ? piece.text : '')).join('');
}

function constantText(constant: A_Const): string | undefined {
  if (constant.sval) return constant.sval.sval ?? '';
  if (constant.ival) return String(constant.ival.ival ?? 0);
  if (constant.fval) return constant.fval.fval;
  if (constant.boolval) return constant.boolval.boolval ? 'true' : 'false';
  return undefined; // NULL (which makes the whole concatenation NULL) or a bit string
}

function isNull(node: Node): boolean {
  return 'A_Const' in node && node.A_Const.isnull === true;
}

/** The variable a run-time part is computed from (`quote_ident(tbl)` → tbl), else the function it calls. */
function nameOf(node: Node): string {
  const column = findFirst(node, 'ColumnRef', 0) as { fields?: Node[] } | undefined;
  const field = column?.fields?.at(-1);
  const call = findFirst(node, 'FuncCall', 0) as { funcname?: Node[] } | undefined;
  const named = field ?? call?.funcname?.at(-1);
  const name = named && 'String' in named ? named.String.sval : undefined;
  return [...(name || 'value')].slice(0, 40).join('');
}

function findFirst(value: unknown, key: string, depth: number): unknown {
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return undefined;
  if (key in value) return (value as Record<string, unknown>)[key];
  for (const child of Object.values(value)) {
    const found = findFirst(child, key, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
