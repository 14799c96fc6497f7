const SHORTHANDS: Record<string, string> = {
  minutely: '*-*-* *:*:00',
  hourly: '*-*-* *:00:00',
  daily: '*-*-* 00:00:00',
  weekly: 'Mon *-*-* 00:00:00',
  monthly: '*-*-01 00:00:00',
  yearly: '*-01-01 00:00:00',
  annually: '*-01-01 00:00:00',
  quarterly: '*-01,04,07,10-01 00:00:00',
  semiannually: '*-01,07-01 00:00:00',
};
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const ZONE = /^(UTC|GMT|[A-Z][A-Za-z]+\/[A-Za-z_/+-]+)$/;

/**
 * A systemd OnCalendar= expression as a six-field cron expression (with seconds) for cron-parser, which reads only
 * cron. Hand-written: no installed library reads OnCalendar. Covers weekday lists and ranges, `*-MM-DD`, `a..b`,
 * `a/step`, the shorthands and a trailing zone; a fixed year or `~` (last days) gives undefined.
 */
export function onCalendarToCron(expression: string): { cron: string; timeZone: string | undefined } | undefined {
  const tokens = expression.trim().split(/\s+/);
  const timeZone = tokens.length > 1 && ZONE.test(tokens.at(-1) ?? '') ? tokens.pop() : undefined;
  const expanded = (SHORTHANDS[tokens.join(' ').toLowerCase()] ?? tokens.join(' ')).split(' ');
  const weekdays = /^[a-z]/i.test(expanded[0] ?? '') ? translateWeekdays(expanded.shift() ?? '') : '*';
  const date = expanded[0]?.includes('-') ? (expanded.shift() ?? '') : '*-*-*';
  const time = expanded[0]?.includes(':') ? (expanded.shift() ?? '') : '00:00:00';
  const dateParts = date.split('-');
  const [year, month, day] = dateParts.length === 2 ? ['*', ...dateParts] : dateParts;
  const [hour, minute, second = '00'] = time.split(':');
  if (expanded.length > 0 || weekdays === undefined || year !== '*' || date.includes('~')) return undefined;
  const fields = [second, minute, hour, day, month].map(translateField);
  if (fields.some((field) => field === undefined)) return undefined;
  return { cron: [...fields, weekdays].join(' '), timeZone };
}

function translateField(field: string | undefined): string | undefined {
  if (field === undefined || !/^[\d*,./]+$/.test(field)) return undefined;
  const cron = field.replace(/\.\./g, '-').replace(/\d+/g, (number) => String(Number(number)));
  return /^[\d*,/-]+$/.test(cron) ? cron : undefined;
}

function translateWeekdays(spec: string): string | undefined {
  const days = spec.toLowerCase().replace(/\.\./g, '-');
  const translated = days.replace(/[a-z]+/g, (name) => String(WEEKDAYS.indexOf(name.slice(0, 3))));
  return /(^|[-,])-1/.test(translated) || !/^[\d,-]+$/.test(translated) ? undefined : translated;
}
