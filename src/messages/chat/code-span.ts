const CODE: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '`': '\u02CB' };

/**
 * Untrusted text as inline code. Slack shows `*_~` there as typed, so only its entities and the backtick itself
 * are replaced: a path or a config key can be copied exactly.
 */
export function codeSpan(text: string): string {
  return `\`${text.replace(/[&<>`]/g, (char) => CODE[char] ?? char)}\``;
}
