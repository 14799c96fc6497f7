import { scanSync } from 'libpg-query';

/** Keyword kinds `quote_ident` leaves unquoted: not a keyword, or an unreserved one. */
const UNQUOTED_KEYWORD_KINDS = new Set(['NO_KEYWORD', 'UNRESERVED_KEYWORD']);

/** What PostgreSQL's `quote_ident` or `quote_literal` returns for a value, so SQL built from constants reads as it runs. */
export function quoteSqlValue(value: string, as: 'identifier' | 'literal'): string {
  if (as === 'literal') {
    const escaped = value.replaceAll("'", "''");
    return value.includes('\\') ? `E'${escaped.replaceAll('\\', '\\\\')}'` : `'${escaped}'`;
  }
  const plain = /^[a-z_][a-z0-9_]*$/.test(value);
  const [token, ...rest] = plain ? scanSync(value).tokens : [];
  if (token && rest.length === 0 && UNQUOTED_KEYWORD_KINDS.has(token.keywordName)) return value;
  return `"${value.replaceAll('"', '""')}"`;
}
