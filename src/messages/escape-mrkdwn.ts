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

/** Untrusted text placed in Slack mrkdwn: no mention, link or formatting can render from it. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>`*_~]/g, (char) => MARKUP[char] ?? char);
}
