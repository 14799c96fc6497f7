import { maskInlineCredentials } from '../../preflight/detectors/text-scan/mask-inline-credentials.js';

/**
 * What a program on the host printed, fit to leave it (job results, chat, logs): credentials masked first, as the
 * static preflight masks them, then the last `max` characters. Masking after cutting could leave half a secret that
 * no longer looks like one.
 */
export function excerptOutput(text: string, max = 300): string {
  return maskInlineCredentials(text.trim()).slice(-max);
}
