import { setKey, type PowerShellCommand, type PowerShellValue } from './powershell-value.js';
import { resolvePowerShellParameter } from './resolve-powershell-parameter.js';

/** More triggers or actions than a task holds; `$x = $x, $x` repeated would otherwise double without end. */
const MAX_ITEMS = 64;

/**
 * The value with each variable replaced by what the script assigned it before (`$trigger` → its
 * `New-ScheduledTaskTrigger …`) and each `@splat` spread into named parameters. `variables` hold values already
 * resolved, so a chain of assignments is followed once; a variable the script does not assign stays a variable.
 */
export function resolvePowerShellValue(
  value: PowerShellValue,
  variables: ReadonlyMap<string, PowerShellValue>,
): PowerShellValue {
  const resolve = (inner: PowerShellValue): PowerShellValue => resolvePowerShellValue(inner, variables);
  switch (value.type) {
    case 'variable':
      return variables.get(value.name) ?? value;
    case 'list':
      return {
        ...value,
        items: value.items
          .map(resolve)
          .flatMap((item) => (item.type === 'list' ? item.items : [item]))
          .slice(0, MAX_ITEMS),
      };
    case 'table':
      return { ...value, entries: new Map([...value.entries].map(([key, entry]) => [key, resolve(entry)])) };
    case 'command':
      return { ...value, command: resolveCommand(value.command, resolve, variables) };
    case 'other':
      return value.member ? { ...value, member: { ...value.member, of: resolve(value.member.of) } } : value;
    default:
      return value;
  }
}

function resolveCommand(
  command: PowerShellCommand,
  resolve: (value: PowerShellValue) => PowerShellValue,
  variables: ReadonlyMap<string, PowerShellValue>,
): PowerShellCommand {
  const named = new Map<string, PowerShellValue | true>();
  const ambiguous = [...(command.ambiguous ?? [])];
  for (const splat of command.splats) {
    const table = variables.get(splat);
    if (table?.type !== 'table') continue;
    // A splatted key is bound as a parameter name is, abbreviations included; `Daily = $true` is the switch `-Daily`.
    for (const [written, entry] of table.entries) {
      const { key, isSwitch, ambiguity } = resolvePowerShellParameter(command.name, written);
      if (ambiguity) ambiguous.push(ambiguity);
      setKey(named, key, isTrue(entry) || entry, isSwitch !== undefined);
    }
  }
  for (const [key, entry] of command.named) named.set(key, entry === true ? true : resolve(entry));
  const resolved: PowerShellCommand = { ...command, named, positional: command.positional.map(resolve), splats: [] };
  if (ambiguous.length > 0) resolved.ambiguous = ambiguous;
  if (command.input) resolved.input = resolve(command.input);
  return resolved;
}

function isTrue(value: PowerShellValue): boolean {
  return value.type === 'variable' && value.name === 'true';
}
