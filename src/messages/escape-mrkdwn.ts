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

/**
 * Untrusted text placed in Slack mrkdwn: no mention, link or formatting can render from it. An underscore between two
 * letters or digits stays (`DTEN_PROBES`, `pre_install.sh`): Slack opens and closes italics only at a word's edge.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>`*~]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, (char) => MARKUP[char] ?? char);
}
