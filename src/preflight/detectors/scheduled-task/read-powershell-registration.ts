import { describePowerShellTrigger } from './describe-powershell-trigger.js';
import { displayCommand } from './display-command.js';
import { displayPowerShellActions } from './display-powershell-actions.js';
import { explainAmbiguousParameters } from './explain-ambiguous-parameters.js';
import { nameAccount } from './name-account.js';
import { quoteText, quoteValue, triggerEvidence } from './powershell-evidence.js';
import type { PowerShellCommand, PowerShellValue } from './powershell-value.js';
import { readPowerShellXmlFile } from './read-powershell-xml-file.js';
import type { ScheduledTask } from './scheduled-task.js';
import { rememberPerValue } from './remember-per-value.js';

const UNREAD = 'which dten cannot read from the script';

type XmlRegistration = Pick<ScheduledTask, 'schedule' | 'description' | 'command' | 'definition'>;

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
    ...(user === undefined ? {} : { user: nameAccount(user.type === 'text' ? quoteText(user) : quoteValue(user)) }),
    ...(note === undefined ? {} : { note }),
  };
  const xml = get('xml');
  if (xml !== undefined) return { ...base, ...registerFromXml(xml) };
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
    command: displayPowerShellActions(actions),
  };
}

/** What each `-Xml` value registers, worked out once however many registrations name it. */
const registerFromXml = rememberPerValue(readXml);

/** The file the XML is read from; or the XML itself (a string, a variable), quoted for a person to read. */
function readXml(xml: PowerShellValue): XmlRegistration {
  const file = readPowerShellXmlFile(xml);
  if (file !== undefined) {
    const defined = {
      description: `on the schedule defined in ${file}`,
      command: displayCommand(`(defined in ${file})`),
    };
    return { ...defined, schedule: `-Xml ${file}`, definition: file };
  }
  const quoted = quoteValue(xml);
  const description = `on the schedule in the XML it is given (${quoted}), ${UNREAD}`;
  return { schedule: `-Xml ${quoted}`, description, command: '(what that XML defines)' };
}

/** `-TaskPath '\Vendor\'` and `-TaskName Backup` → `\Vendor\Backup`, as Task Scheduler shows it. */
function taskName(name: PowerShellValue | undefined, folder: PowerShellValue | undefined): string | undefined {
  if (name === undefined) return undefined;
  const path = folder === undefined ? '' : textOf(folder).replace(/^\\$/, '');
  return `${path}${path && !path.endsWith('\\') ? '\\' : ''}${textOf(name)}`;
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
  return value.type === 'text' ? value.text : quoteValue(value);
}

function valueOf(value: PowerShellValue | true | undefined): PowerShellValue | undefined {
  return value === true ? undefined : value;
}
