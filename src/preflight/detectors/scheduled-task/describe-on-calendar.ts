import { onCalendarToCron } from '../../../core/time/on-calendar-to-cron.js';
import { describeCron } from './describe-cron.js';

/**
 * Words for a systemd OnCalendar= expression: translated to cron as the agent does when it checks the window
 * (`onCalendarToCron`), then worded by cronstrue, which reads only cron. A schedule it cannot translate, or one
 * firing at a second other than :00 (cronstrue's five fields have none), is quoted as written.
 */
export function describeOnCalendar(expression: string): string {
  const asWritten = `on the calendar "${expression.trim()}"`;
  const translated = onCalendarToCron(expression);
  if (translated === undefined) return asWritten;
  const [second, ...fiveFields] = translated.cron.split(' ');
  const words = second === '0' ? describeCron(fiveFields.join(' ')) : undefined;
  if (words === undefined) return asWritten;
  return translated.timeZone === undefined ? words : `${words} (${translated.timeZone} time)`;
}
