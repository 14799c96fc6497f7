import { describeTaskTrigger } from './describe-task-trigger.js';
import { nameAccount } from './name-account.js';
import { childAt, parseXml, textAt, type XmlElement } from './parse-xml.js';

export interface TaskDefinition {
  /** Every trigger in words, joined: `every day at 02:00; and at every system start-up`. */
  description: string;
  /** The actions: `<Command> <Arguments>` of each `<Exec>`, joined. */
  command: string;
  /** The account of `<Principals>` (UserId, else GroupId), a well-known SID by its name. */
  user?: string;
  /** False when `<Settings><Enabled>` is false: the task is registered, and runs only once someone enables it. */
  enabled: boolean;
}

/** What a Task Scheduler XML file (`schtasks /create /xml`) runs and when; undefined when it is not one. */
export function readTaskDefinition(text: string): TaskDefinition | undefined {
  const task = parseXml(text);
  if (task?.name !== 'Task') return undefined;
  const triggers = childAt(task, 'Triggers')?.children ?? [];
  const actions = childAt(task, 'Actions')?.children ?? [];
  const principal = childAt(task, 'Principals', 'Principal');
  const account = textAt(principal, 'UserId') || textAt(principal, 'GroupId');
  return {
    ...(account ? { user: nameAccount(account) } : {}),
    enabled: textAt(task, 'Settings', 'Enabled')?.toLowerCase() !== 'false',
    description:
      triggers.length === 0
        ? 'only when started by hand (it has no triggers)'
        : triggers.map((trigger) => describeTaskTrigger(trigger, task)).join('; and '),
    command: actions.length === 0 ? '(no actions)' : actions.map(describeAction).join('; '),
  };
}

function describeAction(action: XmlElement): string {
  if (action.name !== 'Exec') return `(a ${action.name} action)`;
  return [textAt(action, 'Command'), textAt(action, 'Arguments')].filter(Boolean).join(' ') || '(no command)';
}
