import { formatDuration } from './format-duration.js';

/** Minutes, fractions included, as people write a duration in chat: `10m 48s`, `26s`, `252ms`. */
export function formatMinutes(minutes: number): string {
  return formatDuration(minutes * 60_000);
}
