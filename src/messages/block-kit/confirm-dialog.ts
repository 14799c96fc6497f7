import { BLOCK_KIT_LIMITS } from './limits.js';
import { plainText } from './plain-text.js';
import type { ConfirmationDialog } from './types.js';

export interface ConfirmDialogOptions {
  title: string;
  text: string;
  confirm?: string;
  deny?: string;
  style?: 'primary' | 'danger';
}

/** The "are you sure?" dialog Slack shows before a button's action is sent, within its limits. */
export function confirmDialog(options: ConfirmDialogOptions): ConfirmationDialog {
  const { confirmTitle, confirmText, confirmButtonText } = BLOCK_KIT_LIMITS;
  const dialog: ConfirmationDialog = {
    title: plainText(options.title, confirmTitle),
    text: plainText(options.text, confirmText),
    confirm: plainText(options.confirm ?? 'Confirm', confirmButtonText),
    deny: plainText(options.deny ?? 'Cancel', confirmButtonText),
  };
  if (options.style) dialog.style = options.style;
  return dialog;
}
