import type { SqlPiece } from './expand-format.js';
import { quoteSqlValue } from './quote-sql-value.js';

/**
 * The SQL with each placeholder in place: `{name}` as a quoted identifier, or `'{name}'` as a literal. An identifier
 * runs on through letters, digits, `_` and `$` next to it, so `'idx_' || tbl` is one name, `"idx_{tbl}"`.
 */
export function renderSqlPieces(pieces: SqlPiece[]): { sql: string; placeholders: string[] } {
  const placeholders = new Set<string>();
  let sql = '';
  let open = false;
  for (const piece of pieces) {
    if ('text' in piece) {
      const head = open ? identifierHeadLength(piece.text) : 0;
      sql += piece.text.slice(0, head);
      if (open && head < piece.text.length) {
        sql += '"';
        open = false;
      }
      sql += piece.text.slice(head);
      continue;
    }
    const name = `{${piece.placeholder}}`;
    placeholders.add(name);
    if (piece.literal) {
      if (open) sql += '"';
      open = false;
      sql += quoteSqlValue(name, 'literal');
      continue;
    }
    if (!open) {
      const tail = identifierTailStart(sql);
      sql = `${sql.slice(0, tail)}"${sql.slice(tail)}`;
      open = true;
    }
    sql += name.replaceAll('"', '""');
  }
  if (open) sql += '"';
  return { sql, placeholders: [...placeholders] };
}

const isIdentifierChar = (char: string): boolean => /[A-Za-z0-9_$]/.test(char) || char >= '\u0080';

function identifierHeadLength(text: string): number {
  let end = 0;
  while (end < text.length && isIdentifierChar(text.charAt(end))) end += 1;
  return end;
}

function identifierTailStart(text: string): number {
  let start = text.length;
  while (start > 0 && isIdentifierChar(text.charAt(start - 1))) start -= 1;
  return start;
}
