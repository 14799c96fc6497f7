import { scanSync } from 'libpg-query';
import { parseSql, type SqlStatement } from './parse-sql.js';

/**
 * Tokens a fragment may have: the parser's tree is at most that deep, and the WASM parser overflows the stack near
 * 10,000 levels (`v || v || …`), and an overflow can leave the module broken for later parses in the process.
 */
const MAX_TOKENS = 4000;
const MAX_CHARS = 256 * 1024;

/**
 * Parses SQL found inside other SQL (what a DO block runs, an EXECUTE's string) when it is small enough to parse
 * safely; undefined when it is not, or when PostgreSQL refuses it.
 */
export function parseSqlFragment(sql: string): SqlStatement[] | undefined {
  if (sql.length > MAX_CHARS) return undefined;
  try {
    if (scanSync(sql).tokens.length > MAX_TOKENS) return undefined;
  } catch {
    return undefined; // an unterminated string or comment: the parser would refuse it too
  }
  const parsed = parseSql(sql);
  return parsed.ok ? parsed.statements : undefined;
}
