const DAY_NAMES: Record<string, string> = {
  MON: 'Monday',
  TUE: 'Tuesday',
  WED: 'Wednesday',
  THU: 'Thursday',
  FRI: 'Friday',
  SAT: 'Saturday',
  SUN: 'Sunday',
};

const MONTH_NAMES: Record<string, string> = {
  JAN: 'January',
  FEB: 'February',
  MAR: 'March',
  APR: 'April',
  MAY: 'May',
  JUN: 'June',
  JUL: 'July',
  AUG: 'August',
  SEP: 'September',
  OCT: 'October',
  NOV: 'November',
  DEC: 'December',
};

/** schtasks options from values read elsewhere (a task XML, a PowerShell trigger): the unset and empty left out. */
export function scheduleOptions(entries: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(entries).filter((entry): entry is [string, string] => !!entry[1]));
}

/**
 * Words for `schtasks /create` options (`/sc DAILY /st 02:00` → `every day at 02:00`). Hand-written because
 * schtasks schedules (ONSTART, /mo LASTDAY, /ri) have no cron equivalent for cronstrue to word.
 */
export function describeWindowsSchedule(options: Readonly<Record<string, string>>): string {
  const every = Number(options.mo ?? '1');
  const at = options.st ? ` at ${options.st}` : '';
  // schtasks: `/d *` is every day (of the week for WEEKLY, of the month for MONTHLY); `/m *` is every month.
  const everyDay = options.d?.trim() === '*';
  const days = (everyDay ? '' : (options.d ?? ''))
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
      if (everyDay) return `every day of the week${every > 1 ? `, ${period('week')}` : ''}${at}${repeat}`;
      return `${period('week')}${days ? ` on ${days}` : ''}${at}${repeat}`;
    case 'MONTHLY':
      return `${describeMonthly(options.mo, days, everyDay, describeMonths(options.m))}${at}${repeat}`;
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

/** `months` is undefined for every month (no `/m`, or `/m *`); a day-of-month task with no `/d` runs on day 1. */
function describeMonthly(modifier: string | undefined, days: string, everyDay: boolean, months?: string): string {
  const ofMonths = months ?? 'every month';
  if (modifier?.toUpperCase() === 'LASTDAY') return `on the last day of ${ofMonths}`;
  if (modifier && /^(FIRST|SECOND|THIRD|FOURTH|LAST)$/i.test(modifier)) {
    const week = modifier.toLowerCase();
    return everyDay
      ? `on every day of the ${week} week of ${ofMonths}`
      : `on the ${week} ${days || 'week'} of ${ofMonths}`;
  }
  if (months !== undefined) return everyDay ? `every day of ${months}` : `on ${days || 'day 1'} of ${months}`;
  const every = Number(modifier ?? '1');
  const period = every > 1 ? `every ${plural(every, 'month')}` : 'every month';
  if (everyDay) return `every day of the month${every > 1 ? `, ${period}` : ''}`;
  return `${period}${days ? ` on ${days}` : ''}`;
}

/** `FEB,MAR` → `February and March`; undefined for every month (`*` or none). */
function describeMonths(list: string | undefined): string | undefined {
  const names = (list ?? '')
    .split(',')
    .map((month) => month.trim())
    .filter(Boolean);
  if (names.length === 0 || names.includes('*')) return undefined;
  const words = names.map((month) => MONTH_NAMES[month.toUpperCase()] ?? month);
  const last = words.pop();
  return words.length === 0 ? last : `${words.join(', ')} and ${last}`;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
