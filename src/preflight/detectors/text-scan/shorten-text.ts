/** Trims and cuts `text` to `max` characters, marking the cut with an ellipsis. */
export function shortenText(text: string, max = 80): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1)}…`;
}
