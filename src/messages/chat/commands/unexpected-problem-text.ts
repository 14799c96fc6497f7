/**
 * What a person reads when something broke that they could not have caused; the ref finds the log line. It may have
 * broken after the command took effect (a note that could not be posted), so it points at where to look.
 */
export function unexpectedProblemText(ref: string): string {
  return `Something went wrong on dten's side (ref ${ref}). \`/dten status\` shows whether the command took effect before you try again; give the ref to whoever runs dten.`;
}
