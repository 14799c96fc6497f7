import { maskSecretsIn } from '../core/findings/mask-secret.js';

/** Pieces shorter than this are left alone: masking every `db` or `pw` in PostgreSQL's words would garble them. */
const SHORTEST_PIECE = 3;

/** Masks the connection string, and its password in every spelling, wherever they appear in `text`. */
export function hideConnectionSecrets(text: string, connectionString: string): string {
  return maskSecretsIn(text, [connectionString, ...findPasswords(connectionString)]);
}

function findPasswords(connectionString: string): string[] {
  const found: string[] = [];
  try {
    const url = new URL(connectionString);
    for (const value of [url.password, url.searchParams.get('password') ?? '']) {
      if (value !== '') found.push(value, safeDecode(value));
    }
  } catch {
    // Not a URL: the raw and key=value forms below still apply.
  }
  // A password with a raw `@` or `/` splits into host or path pieces (`getaddrinfo ENOTFOUND <piece>`).
  const raw = /^[a-z][a-z0-9+.-]*:\/\/[^:@/]*:(.*)@[^@]*$/i.exec(connectionString)?.[1];
  if (raw) found.push(raw, safeDecode(raw), ...raw.split(/[@/:?#]/));
  const keyValue = /password\s*=\s*('(?:[^'\\]|\\.)*'|\S+)/i.exec(connectionString)?.[1];
  if (keyValue) found.push(keyValue, keyValue.replace(/^'|'$/g, ''));
  // Longest first, so a password inside another spelling of itself is masked whole.
  return [...new Set(found)].filter((piece) => piece.length >= SHORTEST_PIECE).sort((a, b) => b.length - a.length);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
