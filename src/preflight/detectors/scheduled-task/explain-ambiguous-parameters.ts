import type { PowerShellAmbiguity, PowerShellCommand, PowerShellValue } from './powershell-value.js';

/** How many values of one registration are looked through; resolved variables share values, so few are repeated. */
const MAX_VALUES = 4096;

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
  const found = new Map<string, PowerShellAmbiguity>();
  const seen = new Set<PowerShellValue>();
  const stack: PowerShellValue[] = [{ type: 'command', command: register, raw: '' }];
  while (stack.length > 0 && seen.size < MAX_VALUES) {
    const value = stack.pop();
    if (value === undefined || seen.has(value)) continue;
    seen.add(value);
    const children: PowerShellValue[] = [];
    if (value.type === 'command') {
      const { command } = value;
      for (const ambiguity of command.ambiguous ?? []) {
        found.set(`${ambiguity.cmdlet} ${ambiguity.written.toLowerCase()}`, ambiguity);
      }
      for (const entry of command.named.values()) if (entry !== true) children.push(entry);
      children.push(...command.positional, ...(command.input ? [command.input] : []));
    } else if (value.type === 'list') {
      children.push(...value.items);
    } else if (value.type === 'table') {
      children.push(...value.entries.values());
    } else if (value.type === 'other' && value.member) {
      children.push(value.member.of);
    }
    stack.push(...children.reverse());
  }
  return [...found.values()];
}
