import type { PowerShellAmbiguity, PowerShellCommand, PowerShellValue } from './powershell-value.js';

type Ambiguities = ReadonlyMap<string, PowerShellAmbiguity>;

const NONE: Ambiguities = new Map();

/**
 * The ambiguous names under each value, worked out once: a variable's value is one object, shared by every
 * registration that names it, so a large one is not walked again for each (which cost seconds per MB of script).
 */
const ambiguitiesOf = new WeakMap<PowerShellValue, Ambiguities>();

/**
 * What the finding says when PowerShell refuses a parameter name the registration uses, in Register-ScheduledTask
 * itself or in a command that makes one of its values (`-Trigger (New-ScheduledTaskTrigger -D 1 -At 3am)`).
 * The task is still reported as a warning, not dropped or left to an info: the package means to schedule it and will
 * once the vendor spells the name out, and until then its install fails at that command. An engineer needs both.
 */
export function explainAmbiguousParameters(register: PowerShellCommand): string | undefined {
  const found = collectAmbiguities(register);
  const everywhere = found.filter((ambiguity) => ambiguity.since === undefined);
  const sentences = found
    .filter((ambiguity) => ambiguity.since !== undefined)
    .map(
      (ambiguity) =>
        `PowerShell ${ambiguity.since} and later refuse an ambiguous parameter name: ${describeAmbiguity(ambiguity)}; ` +
        `Windows PowerShell 5.1 reads it as ${ambiguity.binds ?? '?'}, as described here.`,
    );
  if (everywhere.length > 0) {
    const names = everywhere.length > 1 ? 'ambiguous parameter names' : 'an ambiguous parameter name';
    sentences.unshift(
      `As written, PowerShell refuses ${names}: ${everywhere.map(describeAmbiguity).join('; ')}. That command fails, ` +
        'so the task is not registered as described until the script spells the name out.',
    );
  }
  return sentences.length > 0 ? sentences.join(' ') : undefined;
}

/** `-D on New-ScheduledTaskTrigger (it could be -Daily, -DaysInterval, -DaysOfWeek or -Debug)`. */
function describeAmbiguity({ written, cmdlet, candidates }: PowerShellAmbiguity): string {
  const last = candidates.at(-1) ?? '';
  const list = candidates.length > 1 ? `${candidates.slice(0, -1).join(', ')} or ${last}` : last;
  return `-${written} on ${cmdlet} (it could be ${list})`;
}

/** The ambiguous names in the command and every value under it, each once, in the order they are written. */
function collectAmbiguities(register: PowerShellCommand): PowerShellAmbiguity[] {
  return [...ambiguitiesUnder({ type: 'command', command: register, raw: '' }).values()];
}

/**
 * `root`'s ambiguities, each value's worked out from its children's after them. Iterative: a chain of assignments
 * can nest values deeper than the call stack goes. Values are made from values made before them, so none is its own
 * child; if one were, it would count as having none.
 */
function ambiguitiesUnder(root: PowerShellValue): Ambiguities {
  const entered = new Set<PowerShellValue>();
  const stack: { value: PowerShellValue; children?: PowerShellValue[] }[] = [{ value: root }];
  for (let top = stack.at(-1); top !== undefined; top = stack.at(-1)) {
    if (ambiguitiesOf.has(top.value) || (top.children === undefined && entered.has(top.value))) {
      stack.pop();
    } else if (top.children === undefined) {
      entered.add(top.value);
      top.children = childrenOf(top.value);
      for (const child of top.children) if (!ambiguitiesOf.has(child)) stack.push({ value: child });
    } else {
      stack.pop();
      ambiguitiesOf.set(top.value, mergeAmbiguities(top.value, top.children));
    }
  }
  return ambiguitiesOf.get(root) ?? NONE;
}

/** The value's own ambiguous names, then its children's; a child's map is shared when it adds nothing. */
function mergeAmbiguities(value: PowerShellValue, children: readonly PowerShellValue[]): Ambiguities {
  const own = value.type === 'command' ? (value.command.ambiguous ?? []) : [];
  const found = new Set<Ambiguities>();
  for (const child of children) {
    const ambiguities = ambiguitiesOf.get(child) ?? NONE;
    if (ambiguities.size > 0) found.add(ambiguities);
  }
  const [only] = found;
  if (own.length === 0 && found.size <= 1) return only ?? NONE;
  const merged = new Map<string, PowerShellAmbiguity>();
  for (const ambiguity of own) merged.set(`${ambiguity.cmdlet} ${ambiguity.written.toLowerCase()}`, ambiguity);
  for (const ambiguities of found) for (const [key, ambiguity] of ambiguities) merged.set(key, ambiguity);
  return merged;
}

function childrenOf(value: PowerShellValue): PowerShellValue[] {
  switch (value.type) {
    case 'command': {
      const { named, positional, input } = value.command;
      const children: PowerShellValue[] = [];
      for (const entry of named.values()) if (entry !== true) children.push(entry);
      for (const item of positional) children.push(item);
      if (input) children.push(input);
      return children;
    }
    case 'list':
      return value.items;
    case 'table':
      return [...value.entries.values()];
    case 'other':
      return value.member ? [value.member.of] : [];
    default:
      return [];
  }
}
