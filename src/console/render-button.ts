import type { Button } from '../messages/block-kit/types.js';
import { createPainter, type Painter } from './create-painter.js';
import { escapeLines } from './escape-lines.js';
import type { PressableButton } from './pressable-button.js';
import { renderTextObject } from './render-text-object.js';

const PLAIN = createPainter(false);

/** `[3] Approve` (a link button also shows its URL), and what pressing number 3 means. */
export function renderButton(
  button: Button,
  number: number,
  blockId: string | undefined,
  paint: Painter,
): { label: string; pressable: PressableButton } {
  const text = renderTextObject(button.text, PLAIN);
  const shown = `[${number}] ${text}${button.url ? ` (${escapeLines(button.url)})` : ''}`;
  const pressable: PressableButton = { text, actionId: button.action_id ?? '' };
  if (button.value !== undefined) pressable.value = button.value;
  if (blockId !== undefined) pressable.blockId = blockId;
  if (button.url !== undefined) pressable.url = button.url;
  if (button.confirm) {
    const { title, text: question, confirm, deny } = button.confirm;
    pressable.confirm = {
      title: title ? renderTextObject(title, PLAIN) : 'Are you sure?',
      text: renderTextObject(question, PLAIN),
      confirm: confirm ? renderTextObject(confirm, PLAIN) : 'Yes',
      deny: deny ? renderTextObject(deny, PLAIN) : 'No',
    };
  }
  return { label: button.style ? paint(button.style, shown) : shown, pressable };
}
