import { describeIsoDuration } from './describe-iso-duration.js';
import { describeRepetition } from './describe-repetition.js';
import { describeWindowsSchedule, scheduleOptions } from './describe-windows-schedule.js';
import { quoteText, quoteValue } from './powershell-evidence.js';
import type { PowerShellValue } from './powershell-value.js';
import { readPowerShellTime } from './read-powershell-time.js';
import { readPowerShellTimespan } from './read-powershell-timespan.js';
import { rememberPerValue } from './remember-per-value.js';

type Parameters = ReadonlyMap<string, PowerShellValue | true>;

const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const UNREAD = 'which dten cannot read from the script';

/** The words for each trigger, worked out once: a trigger in a variable is one value for every registration. */
/**
 * Words for one `-Trigger` of Register-ScheduledTask. A `New-ScheduledTaskTrigger …` is read into the schtasks
 * options it matches, so it is worded as `describeWindowsSchedule` words the command line and the XML; what the
 * script works out as it runs, or changes on the trigger in a way dten does not follow, is said to be so.
 */
export const describePowerShellTrigger: (trigger: PowerShellValue) => string = rememberPerValue(describeTrigger);

function describeTrigger(trigger: PowerShellValue): string {
  if (trigger.type === 'variable') return `on the trigger in ${quoteValue(trigger)}, ${UNREAD}`;
  if (trigger.type !== 'command' || trigger.command.name !== 'new-scheduledtasktrigger') {
    return `on a trigger dten does not put in words (${quoteValue(trigger)})`;
  }
  const { named, changes } = trigger.command;
  const words = [...describeKind(named), describeRandomDelay(named.get('randomdelay')), describeRepeating(named)]
    .filter(Boolean)
    .join(', ');
  // What the script later sets on it could change any of that: the words say what it was made as, and where.
  if (changes === undefined) return words;
  // A script can change it without end: the first few are named, the rest counted.
  const more = changes.count > changes.first.length ? `; and ${changes.count - changes.first.length} more` : '';
  const listed = `${changes.first.join('; ')}${more}`;
  return `on a trigger made as "${words}" and changed later in the script (${listed}); read it there`;
}

/** The schedule, then anything about it dten could not read. */
function describeKind(named: Parameters): string[] {
  const at = valueOf(named.get('at'));
  const start = at === undefined ? undefined : readPowerShellTime(at);
  const st = start?.time;
  if (named.has('daily') || named.has('weekly')) {
    const daily = named.has('daily');
    const interval = valueOf(named.get(daily ? 'daysinterval' : 'weeksinterval'));
    const mo = interval?.type === 'text' && /^\d+$/.test(interval.text) ? interval.text : undefined;
    const days = daily ? undefined : readDays(valueOf(named.get('daysofweek')));
    const words = describeWindowsSchedule(scheduleOptions({ sc: daily ? 'DAILY' : 'WEEKLY', mo, d: days?.list, st }));
    const unread = interval && mo === undefined ? `at an interval ${UNREAD} (${quoteValue(interval)})` : undefined;
    return [words, unread ?? '', days?.unread ?? ''];
  }
  // `-Once -At 3am` is today's 3am (or none, once that has passed): the day the script runs.
  const sd = start?.date ?? (start?.known ? 'the day the script runs' : undefined);
  if (named.has('once')) return [describeWindowsSchedule(scheduleOptions({ sc: 'ONCE', st, sd }))];
  if (named.has('atstartup')) return [describeWindowsSchedule({ sc: 'ONSTART' })];
  const user = valueOf(named.get('user'));
  if (named.has('atlogon') && user)
    return [`whenever ${user.type === 'text' ? quoteText(user) : quoteValue(user)} logs on`];
  if (named.has('atlogon')) return [describeWindowsSchedule({ sc: 'ONLOGON' })];
  return ['on a trigger dten does not put in words (New-ScheduledTaskTrigger with no schedule it knows)'];
}

/** `Monday,Friday` → `MON,FRI`, all seven → `*`; words instead when a day is not one dten can read. */
function readDays(value: PowerShellValue | undefined): { list?: string; unread?: string } | undefined {
  if (value === undefined) return undefined;
  const items = value.type === 'list' ? value.items : [value];
  const days = items.flatMap((item) => (item.type === 'text' ? item.text.split(',') : [undefined]));
  const codes = days.map((day) => {
    const trimmed = day?.trim() ?? '';
    return /^[0-6]$/.test(trimmed)
      ? DAYS[Number(trimmed)]
      : DAYS.find((code) => trimmed.toUpperCase().startsWith(code));
  });
  if (codes.some((code) => code === undefined)) return { unread: `on the days in ${quoteValue(value)}, ${UNREAD}` };
  return { list: new Set(codes).size === 7 ? '*' : codes.join(',') };
}

function describeRandomDelay(value: PowerShellValue | true | undefined): string | undefined {
  const delay = valueOf(value);
  if (delay === undefined) return undefined;
  const iso = readPowerShellTimespan(delay);
  if (iso === undefined) return `with a random delay ${UNREAD} (${quoteValue(delay)})`;
  return iso ? `with a random delay of up to ${describeIsoDuration(iso) ?? iso}` : undefined;
}

/** Without `-RepetitionDuration` the task repeats for as long as the trigger is active (Windows 10 and later). */
function describeRepeating(named: Parameters): string | undefined {
  const interval = valueOf(named.get('repetitioninterval'));
  if (interval === undefined) return undefined;
  const every = readPowerShellTimespan(interval);
  if (every === undefined) return `repeating at an interval ${UNREAD} (${quoteValue(interval)})`;
  if (every === '') return undefined;
  const duration = valueOf(named.get('repetitionduration'));
  const lasting = duration === undefined ? undefined : readPowerShellTimespan(duration);
  const words = describeRepetition(every, lasting);
  return duration && lasting === undefined ? `${words}, for a time ${UNREAD} (${quoteValue(duration)})` : words;
}

function valueOf(value: PowerShellValue | true | undefined): PowerShellValue | undefined {
  return value === true ? undefined : value;
}
