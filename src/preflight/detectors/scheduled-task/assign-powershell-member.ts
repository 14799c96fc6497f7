import { deriveValue } from './powershell-evidence.js';
import type { PowerShellCommand, PowerShellValue } from './powershell-value.js';

/** A property assignment as written (`$trigger.Repetition = (…).Repetition`) and the line it is on. */
export interface PowerShellChange {
  text: string;
  line: number;
}

const REPETITION_KEYS: Readonly<Record<string, string>> = {
  interval: 'repetitioninterval',
  duration: 'repetitionduration',
};
/** How many changes to a trigger are named in the finding; the rest are counted. */
const KEPT_CHANGES = 3;
/** The ISO 8601 durations a repetition property holds, in the units Task Scheduler writes: `PT15M`, `P1D`. */
const ISO_SPAN = /^P(?:(\d{1,6})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,6})M)?(?:(\d{1,6})S)?)?$/;

/**
 * What a variable holds after `$<variable>.<path> = value`, when it holds triggers (one, a list, or a
 * New-ScheduledTask's `.Triggers`); undefined when the assignment changes nothing dten reads. Two idioms are
 * followed: `.Repetition = (New-ScheduledTaskTrigger -Once … -RepetitionInterval …).Repetition`, the usual way to
 * make a daily or weekly trigger repeat, and `.Repetition.Interval = 'PT15M'`. Any other change is kept on the
 * trigger (`changes`), so that it is not described as the script first made it.
 */
export function assignPowerShellMember(
  target: PowerShellValue | undefined,
  path: readonly string[],
  value: PowerShellValue,
  change: PowerShellChange,
): PowerShellValue | undefined {
  if (target?.type !== 'command' || target.command.name !== 'new-scheduledtask') {
    return target && changeTriggers(target, path, value, change);
  }
  const triggers = target.command.named.get('trigger');
  if (path[0] !== 'triggers' || triggers === undefined || triggers === true) return undefined;
  const changed = changeTriggers(triggers, path.slice(1), value, change);
  const named = new Map(target.command.named);
  return changed && { ...target, command: { ...target.command, named: named.set('trigger', changed) } };
}

/** `[n]` picks one trigger of a list; without it, each is changed, as PowerShell's member access goes through all. */
function changeTriggers(
  triggers: PowerShellValue,
  path: readonly string[],
  value: PowerShellValue,
  change: PowerShellChange,
): PowerShellValue | undefined {
  const index = /^\[(\d+)\]$/.exec(path[0] ?? '')?.[1];
  const rest = index === undefined ? path : path.slice(1);
  const items = triggers.type === 'list' ? triggers.items : [triggers];
  let changed = false;
  const updated = items.map((item, at) => {
    const next = index === undefined || Number(index) === at ? changeTrigger(item, rest, value, change) : undefined;
    changed ||= next !== undefined;
    return next ?? item;
  });
  if (!changed) return undefined;
  return triggers.type === 'list' ? { ...triggers, items: updated } : (updated[0] ?? triggers);
}

function changeTrigger(
  trigger: PowerShellValue,
  path: readonly string[],
  value: PowerShellValue,
  change: PowerShellChange,
): PowerShellValue | undefined {
  if (trigger.type !== 'command' || trigger.command.name !== 'new-scheduledtasktrigger' || path.length === 0) {
    return undefined;
  }
  const [property, part] = path;
  const source = path.length === 1 && property === 'repetition' ? repetitionSource(value) : undefined;
  const key = path.length === 2 && property === 'repetition' ? REPETITION_KEYS[part ?? ''] : undefined;
  const span = key === undefined ? undefined : spanOf(value);
  if (source === undefined && (key === undefined || span === undefined)) {
    const changes = addChange(trigger.command.changes, change);
    return deriveValue(trigger, { ...trigger, command: { ...trigger.command, changes } });
  }
  const named = new Map(trigger.command.named);
  if (source !== undefined) {
    for (const copied of Object.values(REPETITION_KEYS)) {
      const from = source.named.get(copied);
      if (from === undefined) named.delete(copied);
      else named.set(copied, from);
    }
  } else if (key !== undefined && span !== undefined) {
    named.set(key, span);
  }
  return deriveValue(trigger, { ...trigger, command: { ...trigger.command, named } }, change.text);
}

/**
 * The changes with one more: counted, and kept as written only among the first few. A trigger is copied on each
 * change (another variable may hold it as it was), so keeping them all would make a long script quadratic.
 */
function addChange(changes: PowerShellCommand['changes'], change: PowerShellChange): PowerShellCommand['changes'] {
  const { count = 0, first = [] } = changes ?? {};
  const kept = first.length < KEPT_CHANGES ? [...first, `${change.text} on line ${change.line}`] : first;
  return { count: count + 1, first: kept };
}

/** The trigger whose `.Repetition` is read: `(New-ScheduledTaskTrigger …).Repetition`, `$other.Repetition`. */
function repetitionSource(value: PowerShellValue): PowerShellCommand | undefined {
  if (value.type !== 'other' || value.member?.name !== 'repetition') return undefined;
  const { of } = value.member;
  return of.type === 'command' && of.command.name === 'new-scheduledtasktrigger' ? of.command : undefined;
}

/** `'PT36H'` → the TimeSpan text `1.12:00:00`, which the -RepetitionInterval reader takes. */
function spanOf(value: PowerShellValue): PowerShellValue | undefined {
  const iso = value.type === 'text' ? value.text.trim() : '';
  const match = ISO_SPAN.exec(iso);
  if (!match || iso.endsWith('T') || iso === 'P') return undefined;
  const [days = 0, hours = 0, minutes = 0, seconds = 0] = match.slice(1).map((amount) => Number(amount ?? 0));
  const total = ((days * 24 + hours) * 60 + minutes) * 60 + seconds;
  const two = (amount: number): string => String(amount).padStart(2, '0');
  const clock = `${two(Math.floor(total / 3600) % 24)}:${two(Math.floor(total / 60) % 60)}:${two(total % 60)}`;
  const day = Math.floor(total / 86400);
  return { type: 'text', text: day > 0 ? `${day}.${clock}` : clock, raw: value.raw };
}
