const DAY_NAMES: Record<string, string> = {
  MON: 'Monday',
  TUE: 'Tuesday',
  WED: 'Wednesday',
  THU: 'Thursday',
  FRI: 'Friday',
  SAT: 'Saturday',
  SUN: 'Sunday',
};

/**
 * Words for `schtasks /create` options (`/sc DAILY /st 02:00` → `every day at 02:00`). Hand-written because
 * schtasks schedules (ONSTART, /mo LASTDAY, /ri) have no cron equivalent for cronstrue to word.
 */
export function describeWindowsSchedule(options: Readonly<Record<string, string>>): string {
  const every = Number(options.mo ?? '1');
  const at = options.st ? ` at ${options.st}` : '';
  const days = (options.d ?? '')
    .split(',')
    .filter(Boolean)
    .map((day) => DAY_NAMES[day.toUpperCase()] ?? `day ${day}`)
    .join(', ');
  const repeat = options.ri ? `, repeating every ${plural(Number(options.ri), 'minute')}` : '';
  const period = (unit: string): string => (every > 1 ? `every ${plural(every, unit)}` : `every ${unit}`);
  switch ((options.sc ?? '').toUpperCase()) {
    case 'MINUTE':
      return period('minute');
    case 'HOURLY':
      return `${period('hour')}${options.st ? `, starting at ${options.st}` : ''}`;
    case 'DAILY':
      return `${period('day')}${at}${repeat}`;
    case 'WEEKLY':
      return `${period('week')}${days ? ` on ${days}` : ''}${at}${repeat}`;
    case 'MONTHLY':
      return `${describeMonthly(options.mo, days)}${at}${repeat}`;
    case 'ONCE':
      return `once${at}${options.sd ? ` on ${options.sd}` : ''}${repeat}`;
    case 'ONSTART':
      return 'at every system start-up';
    case 'ONLOGON':
      return 'whenever a user logs on';
    case 'ONIDLE':
      return `when the computer has been idle for ${plural(Number(options.i ?? '0'), 'minute')}`;
    case 'ONEVENT':
      return 'whenever a matching event is logged';
    default:
      return `on the schedule "/sc ${options.sc ?? '?'}"`;
  }
}

function describeMonthly(modifier: string | undefined, days: string): string {
  if (modifier?.toUpperCase() === 'LASTDAY') return 'on the last day of every month';
  if (modifier && /^(FIRST|SECOND|THIRD|FOURTH|LAST)$/i.test(modifier)) {
    return `on the ${modifier.toLowerCase()} ${days || 'week'} of every month`;
  }
  const every = Number(modifier ?? '1');
  return `${every > 1 ? `every ${plural(every, 'month')}` : 'every month'}${days ? ` on ${days}` : ''}`;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
