import { describeIsoDuration, describeSpan } from './describe-iso-duration.js';

/**
 * A trigger's repetition in words from its ISO 8601 interval and duration, as Task Scheduler keeps them:
 * `PT15M`, `PT12H` → `repeating every 15 minutes for 12 hours`.
 */
export function describeRepetition(interval: string, duration: string | undefined): string {
  // No duration, or a zero one, repeats for as long as the trigger is active.
  const lasting = duration && describeIsoDuration(duration) !== undefined ? ` for ${describeSpan(duration)}` : '';
  return `repeating every ${describeSpan(interval).replace(/^1 (\w+)$/, '$1')}${lasting}`;
}
