export type AssignmentKind = 'password' | 'secret';

/** A set of words written as space-separated lines. */
const wordSet = (...lines: string[]): Set<string> => new Set(lines.join(' ').split(' '));

const STRONG = [
  ...wordSet('secret token apikey api_key api-key accesskey access_key privatekey private_key credential passphrase'),
];
const PASSWORD_WORDS = wordSet('password passwd pass pwd pw passwort pword');
const KEY_WORDS = wordSet('key auth oauth creds cred');
const EXCLUDED_WORDS = wordSet(
  'public publishable pub primary foreign sort cache partition row lookup idempotency map dict i18n',
  'translation tokenizer tokenize tokenized keyboard hotkey keymap keyframe keyframes keyword keywords',
  'keycode keystroke monkey turkey author authority authors pubkey bucket schema csrf xsrf authenticity',
  'bypass compass passive passenger passage passthrough',
);
const NON_SECRET_LAST = wordSet(
  'id ids name names url uri urls endpoint host path file files filename dir directory length len size',
  'type types count field fields format prefix suffix header headers version ttl timeout expiry expires',
  'expiration expire env hint label mode provider policy alias ref arn location store template pattern',
  'regex index column event enabled required min max hash digest algorithm alg method scope scopes',
  'usage rotation created updated at strength validator validation reset changed input prompt',
  'placeholder title message description error class style icon command cmd var variable source manager',
  'service secrets tokens keys generator helper tag node signature sig',
);

/** Splits `dbAdminPassword`, `DB_ADMIN_PASSWORD` and `db.admin-password` into lower-case words. */
function splitWords(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

const cache = new Map<string, AssignmentKind | undefined>();

/** Whether a variable or key name says its value is a password, some other secret, or neither. */
export function classifyIdentifier(identifier: string): AssignmentKind | undefined {
  if (cache.has(identifier)) return cache.get(identifier);
  if (cache.size > 10_000) cache.clear();
  const kind = classifyWords(identifier);
  cache.set(identifier, kind);
  return kind;
}

function classifyWords(identifier: string): AssignmentKind | undefined {
  const words = splitWords(identifier);
  const last = words.at(-1);
  if (last === undefined || NON_SECRET_LAST.has(last) || words.some((word) => EXCLUDED_WORDS.has(word)))
    return undefined;
  const lower = identifier.toLowerCase();
  if (lower.includes('password') || lower.includes('passwd') || words.some((word) => PASSWORD_WORDS.has(word)))
    return 'password';
  if (/(?:pass|pwd)$/.test(lower)) return 'password';
  if (STRONG.some((keyword) => lower.includes(keyword))) return 'secret';
  if (words.some((word) => KEY_WORDS.has(word) || (word.endsWith('key') && word.length > 5))) return 'secret';
  return undefined;
}
