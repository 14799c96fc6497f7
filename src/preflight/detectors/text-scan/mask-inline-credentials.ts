import { maskSecret, maskSecretsIn } from '../../../core/findings/mask-secret.js';
import { findCredentials } from '../credential/find-credentials.js';

const URL_PASSWORD = /((?<![\w+.-])[a-z][\w+.-]*:\/\/[^\s/:@]+:)([^\s/@]+)(@)/gi;
const KEYWORD = '(?:passw(?:or)?d|pwd|secret|token|api[_-]?key|access[_-]?key|credential)';
// Keys start only where a word starts: a free leading [\w.-]* backtracks quadratically on long lines.
const KEY_VALUE = new RegExp(`((?<![\\w.-])[\\w.-]*?${KEYWORD}[\\w.-]*["']?\\s*[=:]\\s*["']?)([^\\s"'&;,]+)`, 'gi');
const FLAG_VALUE = new RegExp(`((?<![\\w.-])--?[\\w.-]*?${KEYWORD}[\\w.-]*\\s+["']?)([^\\s"'&;,-][^\\s"'&;,]*)`, 'gi');
const SCHTASKS_PASSWORD = /(\/rp\s+["']?)([^\s"']+)/gi;
const BEARER = /(\bbearer\s+)([\w.~+/-]+=*)/gi;
const MAYBE_SECRET = /pass|pwd|secret|token|key|credential|bearer|\/rp|@/i;

/** A reference such as `$DB_PASSWORD` or `%TOKEN%` names a secret without holding it; a mask is already safe. */
function maskUnlessReference(_match: string, before: string, value: string, after = ''): string {
  const safe = /^(\$|%|<|\{\{)/.test(value) || value.includes('…(');
  return safe ? `${before}${value}${after}` : `${before}${maskSecret(value)}${after}`;
}

/**
 * Masks the credentials the credential detector recognises, then whatever sits where a credential goes even
 * when it looks weak: `password=…`, `--token …`, `user:pass@` in URLs, `schtasks /rp …`, `Bearer …`.
 */
export function maskInlineCredentials(text: string): string {
  const known = maskSecretsIn(text, new Set(findCredentials(text).map((match) => match.secret)));
  if (!MAYBE_SECRET.test(known)) return known;
  return known
    .replace(URL_PASSWORD, maskUnlessReference)
    .replace(KEY_VALUE, (match, before: string, value: string) => maskUnlessReference(match, before, value))
    .replace(FLAG_VALUE, (match, before: string, value: string) => maskUnlessReference(match, before, value))
    .replace(SCHTASKS_PASSWORD, (match, before: string, value: string) => maskUnlessReference(match, before, value))
    .replace(BEARER, (match, before: string, value: string) => maskUnlessReference(match, before, value));
}
