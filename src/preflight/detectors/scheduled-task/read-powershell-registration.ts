import { describePowerShellTrigger } from './describe-powershell-trigger.js';
import { explainAmbiguousParameters } from './explain-ambiguous-parameters.js';
import { nameAccount } from './name-account.js';
import { triggerEvidence } from './powershell-evidence.js';
import type { PowerShellCommand, PowerShellValue } from './powershell-value.js';
import { readPowerShellXmlFile } from './read-powershell-xml-file.js';
import type { ScheduledTask } from './scheduled-task.js';

const UNREAD = 'which dten cannot read from the script';

/**
 * What a `Register-ScheduledTask` command (its variables resolved) registers: the task's name and account, and
 * what it runs when, from `-Action`/`-Trigger`/`-Settings`, from a `New-ScheduledTask` it is given, or from the
 * XML file its `-Xml` reads (`definition`, read once the whole package has been seen).
 */
export function readPowerShellRegistration(register: PowerShellCommand): Omit<ScheduledTask, 'path' | 'line'> {
  const task = newScheduledTask(register.named.get('inputobject') ?? register.input);
  const get = (name: string): PowerShellValue | undefined => valueOf(register.named.get(name) ?? task?.named.get(name));
  const name = taskName(get('taskname') ?? register.positional[0], get('taskpath') ?? register.positional[1]);
  const user = get('user') ?? principalAccount(get('principal'));
  const note = explainAmbiguousParameters(register);
  const base = {
    kind: 'windows-task' as const,
    windowsTool: 'powershell' as const,
    ...(name === undefined ? {} : { name }),
    ...(user === undefined ? {} : { user: nameAccount(textOf(user)) }),
    ...(note === undefined ? {} : { note }),
  };
  const xml = get('xml');
  if (xml !== undefined) {
    const file = readPowerShellXmlFile(xml);
    if (file !== undefined) {
      const defined = { description: `on the schedule defined in ${file}`, command: `(defined in ${file})` };
      return { ...base, ...defined, schedule: `-Xml ${file}`, definition: file };
    }
    const description = `on the schedule in the XML it is given (${xml.raw}), ${UNREAD}`;
    return { ...base, schedule: `-Xml ${xml.raw}`, description, command: '(what that XML defines)' };
  }
  const triggers = itemsOf(get('trigger'));
  const actions = itemsOf(get('action'));
  const when =
    triggers.length === 0
      ? 'only when started by hand (it has no triggers)'
      : triggers.map(describePowerShellTrigger).join('; and ');
  return {
    ...base,
    schedule: triggerEvidence(triggers) || '(no -Trigger)',
    description: isDisabled(get('settings'))
      ? `only once someone enables it (its -Settings register it disabled), then ${when}`
      : when,
    command: actions.length === 0 ? '(no -Action given)' : actions.map(describeAction).join('; '),
  };
}

/** `-TaskPath '\Vendor\'` and `-TaskName Backup` → `\Vendor\Backup`, as Task Scheduler shows it. */
function taskName(name: PowerShellValue | undefined, folder: PowerShellValue | undefined): string | undefined {
  if (name === undefined) return undefined;
  const path = folder === undefined ? '' : textOf(folder).replace(/^\\$/, '');
  return `${path}${path && !path.endsWith('\\') ? '\\' : ''}${textOf(name)}`;
}

function describeAction(action: PowerShellValue): string {
  if (action.type === 'variable') return `(the action in ${action.raw}, ${UNREAD})`;
  if (action.type !== 'command' || action.command.name !== 'new-scheduledtaskaction') {
    return `(an action dten does not put in words: ${action.raw})`;
  }
  const { named, positional } = action.command;
  const program = valueOf(named.get('execute')) ?? positional[0];
  const argument = valueOf(named.get('argument')) ?? positional[1];
  return (
    [program, argument]
      .map((part) => (part === undefined ? '' : textOf(part)))
      .filter(Boolean)
      .join(' ') || '(no -Execute given)'
  );
}

function principalAccount(principal: PowerShellValue | undefined): PowerShellValue | undefined {
  if (principal?.type !== 'command' || principal.command.name !== 'new-scheduledtaskprincipal') return undefined;
  return valueOf(principal.command.named.get('userid') ?? principal.command.named.get('groupid'));
}

/** `New-ScheduledTaskSettingsSet -Disable`: registered, but it runs only once someone enables it. */
function isDisabled(settings: PowerShellValue | undefined): boolean {
  return settings?.type === 'command' && settings.command.named.get('disable') === true;
}

function newScheduledTask(value: PowerShellValue | true | undefined): PowerShellCommand | undefined {
  return value !== true && value?.type === 'command' && value.command.name === 'new-scheduledtask'
    ? value.command
    : undefined;
}

function itemsOf(value: PowerShellValue | undefined): PowerShellValue[] {
  if (value === undefined) return [];
  return value.type === 'list' ? value.items : [value];
}

function textOf(value: PowerShellValue): string {
  return value.type === 'text' ? value.text : value.raw;
}

function valueOf(value: PowerShellValue | true | undefined): PowerShellValue | undefined {
  return value === true ? undefined : value;
}
