/**
 * Templates are `.md` files, so people (and Prettier) write Markdown: `**bold**` and `~~struck~~` become Slack's
 * `*bold*` and `~struck~`; `_italic_` is the same in both and stays.
 */
export function markdownToMrkdwn(text: string): string {
  return text.replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, '*$1*').replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '~$1~');
}
