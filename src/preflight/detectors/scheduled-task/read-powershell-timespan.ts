import type { PowerShellValue } from './powershell-value.js';

const NEW_TIMESPAN_UNITS: readonly [string, string][] = [
  ['days', 'D'],
  ['hours', 'H'],
  ['minutes', 'M'],
  ['seconds', 'S'],
];
const FROM_UNIT: Readonly<Record<string, string>> = { days: 'D', hours: 'H', minutes: 'M', seconds: 'S' };
/** `d.hh:mm:ss`, `hh:mm:ss` or `hh:mm`, as a string converts to a TimeSpan. */
const SPAN_TEXT = /^(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A TimeSpan value as an ISO 8601 duration, as Task Scheduler keeps it: `(New-TimeSpan -Minutes 15)`,
 * `[TimeSpan]::FromHours(1)` or `'00:15:00'` → `PT15M`. `[TimeSpan]::MaxValue` is `''`: no end. Undefined when
 * the script works it out or keeps it in a variable it does not assign.
 */
export function readPowerShellTimespan(value: PowerShellValue): string | undefined {
  if (value.type === 'command' && value.command.name === 'new-timespan') {
    const known = [...value.command.named.keys()].every((name) => NEW_TIMESPAN_UNITS.some(([unit]) => unit === name));
    if (!known || value.command.positional.length > 0) return undefined;
    const parts = NEW_TIMESPAN_UNITS.map(([name, unit]) => {
      const amount = value.command.named.get(name);
      return [amount !== true && amount?.type === 'text' ? amount.text : '0', unit] as const;
    });
    if (parts.some(([amount]) => !/^\d+$/.test(amount))) return undefined;
    return toIso(Object.fromEntries(parts.map(([amount, unit]) => [unit, Number(amount)])));
  }
  if (value.type === 'text') {
    const match = SPAN_TEXT.exec(value.text.trim());
    if (!match) return undefined;
    const [, days = '0', hours = '0', minutes = '0', seconds = '0'] = match;
    return toIso({ D: Number(days), H: Number(hours), M: Number(minutes), S: Number(seconds) });
  }
  if (value.type !== 'other') return undefined;
  if (/^\[(System\.)?TimeSpan\]::MaxValue$/i.test(value.raw)) return '';
  const from = /^\[(?:System\.)?TimeSpan\]::From(Days|Hours|Minutes|Seconds)\(\s*(\d+)\s*\)$/i.exec(value.raw);
  const unit = FROM_UNIT[from?.[1]?.toLowerCase() ?? ''];
  return unit === undefined ? undefined : toIso({ [unit]: Number(from?.[2]) });
}

/** `{ D: 1, M: 30 }` → `P1DT30M`; `''` when every amount is zero (Task Scheduler's "no end"). */
function toIso(amounts: Readonly<Record<string, number>>): string {
  const of = (unit: string): string => (amounts[unit] ? `${amounts[unit]}${unit}` : '');
  const time = `${of('H')}${of('M')}${of('S')}`;
  const iso = `P${of('D')}${time ? `T${time}` : ''}`;
  return iso === 'P' ? '' : iso;
}
