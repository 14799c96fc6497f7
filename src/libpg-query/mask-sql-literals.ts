import { scanSync } from 'libpg-query';
import { maskSecret } from '../core/findings/mask-secret.js';

/** Literals this short are values like '1s' or '{}', never credentials; longer ones are masked. */
const SHOWN_LITERAL_CHARS = 3;

/** Masks every string literal PostgreSQL's scanner finds, so evidence never carries a password in full. */
export function maskSqlLiterals(sql: string): string {
  const bytes = Buffer.from(sql, 'utf8');
  const parts: string[] = [];
  let copied = 0;
  for (const token of scanSync(sql).tokens) {
    if (token.tokenName !== 'SCONST' && token.tokenName !== 'USCONST') continue;
    const literal = bytes.subarray(token.start, token.end).toString('utf8');
    const content = literal.replace(/^[EeUu&]*'|'$|^\$[^$]*\$|\$[^$]*\$$/g, '');
    if ([...content].length <= SHOWN_LITERAL_CHARS) continue;
    parts.push(bytes.subarray(copied, token.start).toString('utf8'), `'${maskSecret(content)}'`);
    copied = token.end;
  }
  parts.push(bytes.subarray(copied).toString('utf8'));
  return parts.join('');
}
