/** Controls, invisible format characters (bidi overrides, zero-width, tags), line separators and lone surrogates. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

/**
 * Makes a name from an untrusted archive read as stored, in a terminal, a report or chat: invisible and control
 * characters become `\xNN` / `\u{…}`. Chat markup is escaped where chat text is built (`escapeMrkdwn`), so paths
 * in reports, JSON and SARIF stay the real paths.
 */
export function escapeForDisplay(name: string): string {
  return name.replace(INVISIBLE, escapeCodePoint);
}

function escapeCodePoint(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const hex = code.toString(16).toUpperCase();
  return code <= 0xff ? `\\x${hex.padStart(2, '0')}` : `\\u{${hex}}`;
}
