import { displayCommand } from './display-command.js';
import type { PowerShellValue } from './powershell-value.js';

const UNREAD = 'which dten cannot read from the script';

/** A registration's actions shown once, by the action values in order: a trie whose branches are those values. */
interface Shown {
  text?: string;
  next: WeakMap<PowerShellValue, Shown>;
}

const shown: Shown = { next: new WeakMap() };

/**
 * What the actions run, as the finding shows it: each put in words, credentials masked across all of them, cut to a
 * readable length. `-Action $action` is the same value in every registration that names it (and `-Action $a, $b`
 * the same values), so a long one is masked and cut once, not again for each registration.
 */
export function displayPowerShellActions(actions: readonly PowerShellValue[]): string {
  let node = shown;
  for (const action of actions) {
    let next = node.next.get(action);
    if (next === undefined) {
      next = { next: new WeakMap() };
      node.next.set(action, next);
    }
    node = next;
  }
  node.text ??= displayCommand(actions.length === 0 ? '(no -Action given)' : actions.map(describeAction).join('; '));
  return node.text;
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

function textOf(value: PowerShellValue): string {
  return value.type === 'text' ? value.text : value.raw;
}

function valueOf(value: PowerShellValue | true | undefined): PowerShellValue | undefined {
  return value === true ? undefined : value;
}
