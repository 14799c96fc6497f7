import { describeOnCalendar } from './describe-on-calendar.js';
import { describeTimespan } from './describe-timespan.js';
import type { ScheduledTask } from './scheduled-task.js';

const DIRECTIVE =
  /^\s*(OnCalendar|OnBootSec|OnStartupSec|OnActiveSec|OnUnitActiveSec|OnUnitInactiveSec|Unit)\s*=\s*(.*?)\s*$/;

/** The schedule of a systemd `.timer` unit: its On…= triggers in words and the unit it starts. */
export function findTimerUnit(lines: readonly string[], firstLine: number, path: string): ScheduledTask[] {
  const name = path.split(/[/!]/).pop() ?? path;
  const triggers: { directive: string; value: string; line: number }[] = [];
  let unit = name.replace(/\.timer$/, '.service');
  let section = '';
  lines.forEach((line, index) => {
    section = /^\s*\[(\w+)\]/.exec(line)?.[1] ?? section;
    const match = section === 'Timer' ? DIRECTIVE.exec(line) : null;
    if (!match?.[1] || !match[2]) return;
    if (match[1] === 'Unit') unit = match[2];
    else triggers.push({ directive: match[1], value: match[2], line: firstLine + index });
  });
  const first = triggers[0];
  if (first === undefined) return [];
  return [
    {
      kind: 'systemd-timer',
      schedule: triggers.map(({ directive, value }) => `${directive}=${value}`).join('; '),
      description: triggers.map(({ directive, value }) => describeTrigger(directive, value, unit)).join('; and '),
      command: unit,
      path,
      line: first.line,
      name,
    },
  ];
}

function describeTrigger(directive: string, value: string, unit: string): string {
  const span = describeTimespan(value);
  switch (directive) {
    case 'OnCalendar':
      return describeOnCalendar(value);
    case 'OnBootSec':
      return `${span} after boot`;
    case 'OnStartupSec':
      return `${span} after the service manager starts`;
    case 'OnActiveSec':
      return `${span} after the timer is started`;
    case 'OnUnitActiveSec':
      return `every ${span}, counted from the last start of ${unit}`;
    default:
      return `every ${span}, counted from the last time ${unit} finished`;
  }
}
