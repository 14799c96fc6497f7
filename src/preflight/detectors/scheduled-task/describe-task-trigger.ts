import { describeSpan } from './describe-iso-duration.js';
import { describeRepetition } from './describe-repetition.js';
import { describeWindowsSchedule, scheduleOptions } from './describe-windows-schedule.js';
import { childAt, textAt, type XmlElement } from './parse-xml.js';

const WEEKS: Record<string, string> = { '1': 'FIRST', '2': 'SECOND', '3': 'THIRD', '4': 'FOURTH', Last: 'LAST' };
const SESSION_CHANGES: Readonly<Record<string, string>> = {
  ConsoleConnect: 'is connected at the console',
  ConsoleDisconnect: 'is disconnected from the console',
  RemoteConnect: 'is connected remotely',
  RemoteDisconnect: 'is disconnected remotely',
  SessionLock: 'is locked',
  SessionUnlock: 'is unlocked',
};
const BOUNDARY = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Words for one trigger of a Task Scheduler XML file (`<CalendarTrigger>`, `<TimeTrigger>`, `<BootTrigger>`, …),
 * read into the schtasks options it matches so it is worded as `describeWindowsSchedule` words the command line.
 */
export function describeTaskTrigger(trigger: XmlElement, task?: XmlElement): string {
  const delay = textAt(trigger, 'Delay');
  const randomDelay = textAt(trigger, 'RandomDelay');
  const words = [
    describeKind(trigger, task),
    delay && `after a delay of ${describeSpan(delay)}`,
    randomDelay && `with a random delay of up to ${describeSpan(randomDelay)}`,
    describeXmlRepetition(childAt(trigger, 'Repetition')),
  ]
    .filter(Boolean)
    .join(', ');
  return textAt(trigger, 'Enabled') === 'false' ? `${words} (this trigger is disabled)` : words;
}

function describeKind(trigger: XmlElement, task: XmlElement | undefined): string {
  const start = readStartBoundary(textAt(trigger, 'StartBoundary'));
  switch (trigger.name) {
    case 'CalendarTrigger':
      return describeCalendar(trigger, start?.time) ?? describeUnknown('CalendarTrigger');
    case 'TimeTrigger':
      return describeWindowsSchedule(scheduleOptions({ sc: 'ONCE', st: start?.time, sd: start?.date }));
    case 'BootTrigger':
      return describeWindowsSchedule({ sc: 'ONSTART' });
    case 'LogonTrigger': {
      const user = textAt(trigger, 'UserId');
      return user ? `whenever ${user} logs on` : describeWindowsSchedule({ sc: 'ONLOGON' });
    }
    case 'EventTrigger':
      return describeWindowsSchedule({ sc: 'ONEVENT' });
    case 'RegistrationTrigger':
      return 'when the task is created or changed';
    case 'IdleTrigger': {
      // How long the computer must have been idle is the task's setting, not the trigger's.
      const idle = textAt(task, 'Settings', 'IdleSettings', 'Duration');
      return idle ? `when the computer has been idle for ${describeSpan(idle)}` : 'whenever the computer becomes idle';
    }
    case 'SessionStateChangeTrigger': {
      const change = SESSION_CHANGES[textAt(trigger, 'StateChange') ?? ''];
      const user = textAt(trigger, 'UserId');
      return change ? `whenever ${user ? `${user}'s` : 'a user'} session ${change}` : describeUnknown(trigger.name);
    }
    default:
      return describeUnknown(trigger.name);
  }
}

/** The four schedules a `<CalendarTrigger>` holds; undefined for any other. */
function describeCalendar(trigger: XmlElement, st: string | undefined): string | undefined {
  const byDay = childAt(trigger, 'ScheduleByDay');
  if (byDay) return describeWindowsSchedule(scheduleOptions({ sc: 'DAILY', mo: textAt(byDay, 'DaysInterval'), st }));
  const byWeek = childAt(trigger, 'ScheduleByWeek');
  if (byWeek) {
    const d = listDays(childAt(byWeek, 'DaysOfWeek'));
    return describeWindowsSchedule(scheduleOptions({ sc: 'WEEKLY', mo: textAt(byWeek, 'WeeksInterval'), d, st }));
  }
  const byMonth = childAt(trigger, 'ScheduleByMonth');
  if (byMonth) {
    const m = listMonths(childAt(byMonth, 'Months'));
    const days = (childAt(byMonth, 'DaysOfMonth')?.children ?? []).map((day) => day.text.trim());
    const numbered = days.filter((day) => day !== 'Last');
    // `Last` is schtasks' `/mo LASTDAY`, which takes no other day: worded apart from the numbered days.
    const which: Record<string, string | undefined>[] = [];
    if (numbered.length > 0 || !days.includes('Last')) which.push({ d: numbered.join(',') || undefined });
    if (days.includes('Last')) which.push({ mo: 'LASTDAY' });
    return which
      .map((day) => describeWindowsSchedule(scheduleOptions({ sc: 'MONTHLY', ...day, m, st })))
      .join('; and ');
  }
  const byWeekday = childAt(trigger, 'ScheduleByMonthDayOfWeek');
  const weeks = (childAt(byWeekday, 'Weeks')?.children ?? []).map((week) => WEEKS[week.text.trim()]);
  if (!byWeekday || weeks.length === 0 || weeks.includes(undefined)) return undefined;
  const d = listDays(childAt(byWeekday, 'DaysOfWeek'));
  const m = listMonths(childAt(byWeekday, 'Months'));
  return weeks.map((mo) => describeWindowsSchedule(scheduleOptions({ sc: 'MONTHLY', mo, d, m, st }))).join('; and ');
}

/** `2025-12-24T02:00:00` → date `2025-12-24`, time `02:00`; a fixed offset stays with the time (`02:00 UTC+01:00`). */
function readStartBoundary(boundary: string | undefined): { date: string; time: string } | undefined {
  const match = BOUNDARY.exec(boundary ?? '');
  if (!match) return undefined;
  const [, date = '', hoursMinutes = '', seconds, zone] = match;
  const time = `${hoursMinutes}${seconds && seconds !== '00' ? `:${seconds}` : ''}`;
  return { date, time: zone === undefined ? time : `${time} UTC${zone === 'Z' ? '' : zone}` };
}

function describeXmlRepetition(repetition: XmlElement | undefined): string | undefined {
  const interval = textAt(repetition, 'Interval');
  return interval ? describeRepetition(interval, textAt(repetition, 'Duration')) : undefined;
}

function describeUnknown(kind: string): string {
  return `on a trigger dten does not put in words (${kind})`;
}

/** `<DaysOfWeek><Monday/><Friday/></DaysOfWeek>` → `MON,FRI`; `*` for all seven. */
function listDays(days: XmlElement | undefined): string | undefined {
  const names = (days?.children ?? []).map((day) => day.name.slice(0, 3).toUpperCase());
  return names.length === 7 ? '*' : names.join(',') || undefined;
}

/** `<Months><January/><July/></Months>` → `JAN,JUL`; undefined for all twelve (every month). */
function listMonths(months: XmlElement | undefined): string | undefined {
  const names = (months?.children ?? []).map((month) => month.name.slice(0, 3).toUpperCase());
  return names.length === 12 ? undefined : names.join(',') || undefined;
}
