import { defineRule } from '../credential-rule.js';
import { isPlaceholder } from '../is-placeholder.js';

const URL_PLACEHOLDER_PASSWORDS = /^(?:pass|password|passwd|pwd|pw|secret|user|username|\d{1,5})$/i;

function isRealPassword(secret: string): boolean {
  return !URL_PLACEHOLDER_PASSWORDS.test(secret) && !/pass|secret|pwd/i.test(secret) && !isPlaceholder(secret);
}

function hasJsonHeader(secret: string): boolean {
  try {
    const header = JSON.parse(
      Buffer.from(secret.slice(0, secret.indexOf('.')), 'base64url').toString('utf8'),
    ) as unknown;
    return typeof header === 'object' && header !== null && ('alg' in header || 'typ' in header);
  } catch {
    return false;
  }
}

function isBasicCredential(secret: string, match: string): boolean {
  if (!/\d/.test(secret)) return false;
  if (!/basic/i.test(match)) return true;
  const decoded = Buffer.from(secret, 'base64').toString('utf8');
  const [user, password] = decoded.split(':', 2);
  return user !== undefined && password !== undefined && /^[\x20-\x7e]+$/.test(decoded) && !isPlaceholder(password);
}

/** Shapes that carry a secret whatever the provider: JWTs, passwords in URLs, auth headers. */
export const STRUCTURAL_RULES = [
  defineRule(
    'jwt',
    '',
    'signed JSON Web Token',
    ['eyj'],
    /\b(ey[a-zA-Z0-9_-]{15,4000}\.ey[a-zA-Z0-9_-]{15,8000}\.[a-zA-Z0-9_-]{10,1000}={0,2})/,
    {
      accept: hasJsonHeader,
      priority: 2,
    },
  ),
  defineRule(
    'url-password',
    '',
    'password in a connection URL',
    ['://'],
    /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:@/'"`<>]{0,256}:(?<secret>[^\s@/'"`<>]{1,256})@[\w.\-[\]%]+/i,
    { minEntropy: 0, priority: 2, accept: isRealPassword },
  ),
  defineRule(
    'curl-basic-auth',
    '',
    'password on a curl command line',
    ['curl', '--user'],
    /(?:^|\s)(?:-u|--user)(?:\s+|=)["']?[^\s:"'$<>{}[\]]{1,100}:['"]?(?<secret>[^\s"']{3,200})["']?/,
    { minEntropy: 2.5, priority: 2, accept: (secret) => !secret.startsWith('//') && isRealPassword(secret) },
  ),
  defineRule(
    'authorization-header',
    '',
    'credential in an HTTP Authorization header',
    ['authorization'],
    /\b(?:proxy-)?authorization["']?\s*(?::\s*["']?(?:(?:bearer|basic|token|apikey|api-token)\s+)?|=\s*["']?(?:bearer|basic|token|apikey|api-token)\s+)(?<secret>[\w\-.~+/@]{8,}=*)/i,
    { minEntropy: 3, priority: 1.5, accept: isBasicCredential },
  ),
  defineRule(
    'api-key-header',
    '',
    'API key in an HTTP header',
    ['x-api-key', 'api-key:', 'api-token:', 'x-auth-token', 'private-token', 'x-access-token'],
    /\b(?:x-api-key|api-key|api-token|x-auth-token|private-token|x-access-token)["']?\s*:\s*["']?(?<secret>[\w\-.~+/]{12,}=*)/i,
    { minEntropy: 3.3, priority: 1.5, accept: (secret) => /\d/.test(secret) },
  ),
];
