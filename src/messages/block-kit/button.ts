import { checkIdentifier } from './check-identifier.js';
import { BLOCK_KIT_LIMITS } from './limits.js';
import { plainText } from './plain-text.js';
import type { Button, ConfirmationDialog } from './types.js';

export interface ButtonOptions {
  text: string;
  actionId: string;
  value?: string;
  style?: 'primary' | 'danger';
  confirm?: ConfirmationDialog;
  url?: string;
}

/** A button whose label is fitted to 75 characters; its action_id, value and URL are checked, never cut. */
export function button(options: ButtonOptions): Button {
  const { buttonText, actionId, buttonValue, buttonUrl } = BLOCK_KIT_LIMITS;
  const element: Button = {
    type: 'button',
    text: plainText(options.text, buttonText),
    action_id: checkIdentifier('action_id', options.actionId, actionId),
  };
  if (options.value !== undefined) element.value = checkIdentifier('button value', options.value, buttonValue);
  if (options.url !== undefined) element.url = checkIdentifier('button URL', options.url, buttonUrl);
  if (options.style) element.style = options.style;
  if (options.confirm) element.confirm = options.confirm;
  return element;
}
