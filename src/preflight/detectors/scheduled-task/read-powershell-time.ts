import { quoteText, quoteValue } from './powershell-evidence.js';
import type { PowerShellCommand, PowerShellValue } from './powershell-value.js';

export interface PowerShellTime {
  /** `03:00`, or words for a time dten cannot tell: `the time that (Get-Date).AddMinutes(5) gives when …`. */
  time: string;
  /** The date, when the value holds one: `2026-01-01`. */
  date?: string;
  /** True when `time` is a time of day read from the script. */
  known: boolean;
}

type TextValue = PowerShellValue & { type: 'text' };

const CLOCK = /^(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*([ap]\.?m\.?)?$/i;
const DATE_AND_CLOCK = /^(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4})(?:[ T](.+?))?$/;

/**
 * An `-At` value in the words `describeWindowsSchedule` takes: `3am` → time `03:00`; `"2026-01-01 02:30"` → time
 * `02:30`, date `2026-01-01`. A value the script works out, or one in a variable it does not assign, is said to
 * be so rather than guessed at.
 */
export function readPowerShellTime(value: PowerShellValue): PowerShellTime {
  const written =
    value.type === 'command' && value.command.name === 'get-date' ? getDateText(value.command) : textOf(value);
  if (written !== undefined) {
    const { text } = written;
    const clock = readClock(text);
    if (clock !== undefined) return { time: clock, known: true };
    const dated = DATE_AND_CLOCK.exec(text.trim());
    const time = dated ? readClock(dated[2] ?? '00:00') : undefined;
    if (dated?.[1] && time !== undefined) return { time, date: dated[1], known: true };
    return { time: `the time "${quoteText(written)}"`, known: false };
  }
  if (value.type === 'variable') {
    return { time: `the time in ${quoteValue(value)}, which dten cannot read from the script`, known: false };
  }
  return { time: `the time that ${quoteValue(value)} gives when the script runs`, known: false };
}

/** `3am` → `03:00`, `3:30 PM` → `15:30`, `02:00:30` → `02:00:30`; undefined when it is not a time of day. */
function readClock(text: string): string | undefined {
  const match = CLOCK.exec(text.trim());
  if (!match) return undefined;
  const [, hours = '', minutes = '00', seconds, half] = match;
  let hour = Number(hours);
  if (half !== undefined) hour = (hour % 12) + (/^p/i.test(half) ? 12 : 0);
  if (hour > 23 || Number(minutes) > 59 || (half === undefined && match[2] === undefined)) return undefined;
  const second = seconds && seconds !== '00' ? `:${seconds}` : '';
  return `${String(hour).padStart(2, '0')}:${minutes}${second}`;
}

/** `(Get-Date '2026-01-01 02:30')` is that date; `(Get-Date)` alone is now, worked out as the script runs. */
function getDateText(command: PowerShellCommand): TextValue | undefined {
  const date = command.named.get('date') ?? command.positional[0];
  const count = command.named.size + command.positional.length;
  return count === 1 && date !== undefined && date !== true ? textOf(date) : undefined;
}

function textOf(value: PowerShellValue): TextValue | undefined {
  return value.type === 'text' && !value.text.includes('$') ? value : undefined;
}
