import { parseDuration } from '../../core/time/parse-duration.js';

const CLOCK = /^(\d{1,2}):(\d{2})(?:z|utc)?$/i;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[t ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(z|utc|[+-]\d{2}:?\d{2})?$/i;

/**
 * A window start as people type it, always read as UTC unless an offset is given: `now`, `in 30m`, `+2h`,
 * `14:00` (today, or tomorrow when 14:00 has passed), `2026-11-28 14:00`, `2026-11-28T14:00Z`. Undefined otherwise.
 */
export function parseStartTime(text: string, now: Date): Date | undefined {
  const typed = text.trim().replace(/\s+utc$/i, 'Z');
  if (/^now$/i.test(typed)) return now;
  const relative = /^(?:in\s+|\+)(.+)$/i.exec(typed);
  if (relative) {
    const ms = parseDuration(relative[1]!);
    return ms === undefined ? undefined : new Date(now.getTime() + ms);
  }
  const clock = CLOCK.exec(typed);
  if (clock) {
    const [hours, minutes] = [Number(clock[1]), Number(clock[2])];
    if (hours > 23 || minutes > 59) return undefined;
    const today = new Date(now);
    today.setUTCHours(hours, minutes, 0, 0);
    return today.getTime() < now.getTime() - 60_000 ? new Date(today.getTime() + 86_400_000) : today;
  }
  const full = DATE_TIME.exec(typed);
  if (!full) return undefined;
  const [, day, hours = '', minutes, seconds = '00', zone = 'Z'] = full;
  const offset = /^(z|utc)$/i.test(zone) ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const parsed = new Date(`${day}T${hours.padStart(2, '0')}:${minutes}:${seconds}${offset}`);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}
