import { maskInlineCredentials } from '../../preflight/detectors/text-scan/mask-inline-credentials.js';

/**
 * What a program on the host printed (or a health endpoint answered), fit to leave it (job results, chat, logs):
 * credentials masked first, as the static preflight masks them, then `max` characters from the end (or the start).
 * Masking after cutting could leave half a secret that no longer looks like one.
 */
export function excerptOutput(text: string, max = 300, keep: 'tail' | 'head' = 'tail'): string {
  const masked = maskInlineCredentials(text.trim());
  return keep === 'tail' ? masked.slice(-max) : masked.slice(0, max);
}
