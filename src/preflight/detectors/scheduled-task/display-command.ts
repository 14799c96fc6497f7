import { maskInlineCredentials } from '../text-scan/mask-inline-credentials.js';
import { shortenText } from '../text-scan/shorten-text.js';

/** A task's command as reports show it: credentials masked, cut to a readable length. */
export function displayCommand(command: string): string {
  return shortenText(maskInlineCredentials(command));
}
