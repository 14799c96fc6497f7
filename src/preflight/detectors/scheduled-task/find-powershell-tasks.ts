import { shortenText } from '../text-scan/shorten-text.js';
import { assignPowerShellMember } from './assign-powershell-member.js';
import { countLines } from './count-lines.js';
import { joinPowerShellLines } from './join-powershell-lines.js';
import type { PowerShellValue } from './powershell-value.js';
import { readPowerShell } from './read-powershell.js';
import { readPowerShellRegistration } from './read-powershell-registration.js';
import { resolvePowerShellValue } from './resolve-powershell-value.js';
import type { ScheduledTask } from './scheduled-task.js';

/** Only a statement that may assign a variable or register a task is read. */
const WORTH_READING = /=|register-scheduledtask/i;

/**
 * Windows scheduled tasks a PowerShell script registers with the ScheduledTasks module: `Register-ScheduledTask
 * -TaskName Backup -Action $action -Trigger $trigger -User SYSTEM`, its arguments given inline, in variables the
 * script assigned before, or splatted from a hashtable; or `Register-ScheduledTask Backup -Xml (Get-Content x.xml
 * | Out-String)`. A trigger's properties set before the registration (`$trigger.Repetition = …`) are applied.
 * Unregister-, Get-, Disable-ScheduledTask and the like register nothing and are not read. The caller reads only
 * texts that name `Register-ScheduledTask` at all.
 */
export function findPowerShellTasks(lines: readonly string[], firstLine: number, path: string): ScheduledTask[] {
  const variables = new Map<string, PowerShellValue>();
  const tasks: ScheduledTask[] = [];
  for (const statement of joinPowerShellLines(lines, firstLine)) {
    if (!WORTH_READING.test(statement.text)) continue;
    const lineAt = countLines(statement.text, statement.line);
    for (const event of readPowerShell(statement.text)) {
      if (event.kind === 'assignment') {
        const value = resolvePowerShellValue(event.value, variables);
        if (event.member === undefined) {
          variables.set(event.name, value);
          continue;
        }
        const change = {
          text: `${event.member.written} = ${shortenText(event.value.raw)}`,
          line: lineAt(event.offset),
        };
        const changed = assignPowerShellMember(variables.get(event.name), event.member.path, value, change);
        if (changed !== undefined) variables.set(event.name, changed);
      } else if (event.command.name === 'register-scheduledtask') {
        const resolved = resolvePowerShellValue({ type: 'command', command: event.command, raw: '' }, variables);
        if (resolved.type !== 'command') continue;
        tasks.push({ ...readPowerShellRegistration(resolved.command), path, line: lineAt(event.offset) });
      }
    }
  }
  return tasks;
}
