/** The last item of a list Slack would not take whole: how many were left out. */
export function andMoreText(count: number): string {
  return `…and ${count} more`;
}
