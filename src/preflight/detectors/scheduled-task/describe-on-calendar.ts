import { describeCron } from './describe-cron.js';

const SHORTHANDS: Record<string, string> = {
  minutely: '* * * * *',
  hourly: '0 * * * *',
  daily: '0 0 * * *',
  weekly: '0 0 * * 1',
  monthly: '0 0 1 * *',
  yearly: '0 0 1 1 *',
  annually: '0 0 1 1 *',
  quarterly: '0 0 1 1,4,7,10 *',
  semiannually: '0 0 1 1,7 *',
};
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/**
 * Words for a systemd OnCalendar= expression. Hand-written because cronstrue reads only cron: the common
 * forms (`Mon..Fri *-*-* 02:00`, `*:0/15`, `daily`) are translated to cron and worded by cronstrue.
 */
export function describeOnCalendar(expression: string): string {
  const tokens = expression.trim().split(/\s+/);
  const zone =
    tokens.length > 1 && /^(UTC|[A-Z][a-z]+\/[A-Za-z_/]+)$/.test(tokens.at(-1) ?? '') ? tokens.pop() : undefined;
  const cron = SHORTHANDS[tokens.join(' ').toLowerCase()] ?? translateToCron(tokens);
  const words = cron === undefined ? undefined : describeCron(cron);
  if (words === undefined) return `on the calendar "${expression.trim()}"`;
  return zone === undefined ? words : `${words} (${zone} time)`;
}

function translateToCron(tokens: string[]): string | undefined {
  const weekdays = /^[a-z]/i.test(tokens[0] ?? '') ? translateWeekdays(tokens.shift() ?? '') : '*';
  const date = tokens[0]?.includes('-') ? (tokens.shift() ?? '') : '*-*-*';
  const time = tokens[0]?.includes(':') ? (tokens.shift() ?? '') : '00:00:00';
  const dateParts = date.split('-');
  const [hour, minute, second = '0'] = time.split(':');
  const [year, month, day] = dateParts.length === 2 ? ['*', ...dateParts] : dateParts;
  if (tokens.length > 0 || weekdays === undefined || year !== '*' || !/^0*$/.test(second)) return undefined;
  const fields = [minute, hour, day, month].map(translateField);
  if (fields.some((field) => field === undefined)) return undefined;
  return [...fields, weekdays].join(' ');
}

function translateField(field: string | undefined): string | undefined {
  if (field === undefined || !/^[\d*,./]+$/.test(field)) return undefined;
  return field.replace(/\.\./g, '-').replace(/\d+/g, (number) => String(Number(number)));
}

function translateWeekdays(spec: string): string | undefined {
  const days = spec.toLowerCase().replace(/\.\./g, '-');
  const translated = days.replace(/[a-z]+/g, (name) => String(WEEKDAYS.indexOf(name.slice(0, 3))));
  return /(^|[-,])-1/.test(translated) || !/^[\d,-]+$/.test(translated) ? undefined : translated;
}
