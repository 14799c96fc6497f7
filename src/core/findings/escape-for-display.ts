/** Slack's documented escapes for its control characters; Slack has no escape for mrkdwn, so look-alikes stand in. */
const MARKUP: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '`': '\u02CB',
  '*': '\u2217',
  _: '\u02CD',
  '~': '\u223C',
};

/** Controls, invisible format characters (bidi overrides, zero-width, tags), line separators and lone surrogates. */
const INVISIBLE = String.raw`\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}`;
const DISPLAY_HAZARD = new RegExp(`[${INVISIBLE}&<>\`*_~]`, 'gu');

/**
 * Makes a name from an untrusted archive safe to show in Slack, markdown or a terminal: invisible and control
 * characters become `\xNN` / `\u{…}`, chat markup cannot render. Ordinary letters, accents, CJK and emoji pass.
 */
export function escapeForDisplay(name: string): string {
  return name.replace(DISPLAY_HAZARD, (char) => MARKUP[char] ?? escapeCodePoint(char));
}

function escapeCodePoint(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const hex = code.toString(16).toUpperCase();
  return code <= 0xff ? `\\x${hex.padStart(2, '0')}` : `\\u{${hex}}`;
}
