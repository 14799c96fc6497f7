/** Slack's immediate answer to `/dten …` (only the person sees it), before the command has run. */
export function commandReceivedText(): string {
  return 'On it — dten answers here in a moment.';
}
