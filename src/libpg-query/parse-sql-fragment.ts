import { scanSync } from 'libpg-query';
import { parseSql, type SqlStatement } from './parse-sql.js';

/**
 * Tokens a fragment may have: the parser's tree is at most that deep, the WASM parser overflows its stack near 10,000
 * levels (`v || v || …`, which parseSql reports as too deep), and a review saw an overflow leave the module broken for
 * later parses once. 20,000 still takes an ALTER TABLE adding a thousand columns, which 4,000 silently skipped.
 */
const MAX_TOKENS = 20_000;
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
