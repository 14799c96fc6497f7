/** What a person reads when something broke that they could not have caused; the ref finds the log line. */
export function unexpectedProblemText(ref: string): string {
  return `Something went wrong on dten's side (ref ${ref}); nothing was changed by this command. Try again, or give the ref to whoever runs dten.`;
}
