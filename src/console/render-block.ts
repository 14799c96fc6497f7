import type { Button, ContextBlockElement, KnownBlock, SectionBlockAccessory } from '../messages/block-kit/types.js';
import type { Painter } from './create-painter.js';
import { escapeLines } from './escape-lines.js';
import { renderFields } from './render-fields.js';
import { renderTextObject } from './render-text-object.js';
import { visibleLength } from './visible-length.js';

export interface BlockRenderContext {
  paint: Painter;
  width: number;
  /** Numbers a button and remembers what pressing it means; returns its label, `[n] Text`. */
  press: (button: Button, blockId: string | undefined) => string;
}

/** One block as terminal lines, the way the console adapter shows a Slack message. */
export function renderBlock(block: KnownBlock, context: BlockRenderContext): string[] {
  const { paint, width } = context;
  switch (block.type) {
    case 'header': {
      const title = renderTextObject(block.text, paint);
      return [paint('bold', title), '═'.repeat(Math.min(width, visibleLength(title)))];
    }
    case 'section': {
      const lines = block.text ? renderTextObject(block.text, paint).split('\n') : [];
      if (block.fields)
        lines.push(
          ...renderFields(
            block.fields.map((f) => renderTextObject(f, paint)),
            width,
          ),
        );
      if (block.accessory) lines.push(renderAccessory(block.accessory, block.block_id, context));
      return lines;
    }
    case 'context':
      return [paint('dim', `· ${block.elements.map((e) => renderContextElement(e, context)).join(' · ')}`)];
    case 'divider':
      return ['─'.repeat(width)];
    case 'actions':
      return [block.elements.map((element) => renderAccessory(element, block.block_id, context)).join('  ')];
    case 'image':
      return [`[image: ${escapeLines(block.alt_text)}]`];
    case 'markdown':
      return escapeLines(block.text).split('\n');
    default:
      return [paint('dim', `[${block.type} block: open Slack to see it]`)];
  }
}

function renderContextElement(element: ContextBlockElement, { paint }: BlockRenderContext): string {
  return element.type === 'image' ? `[image: ${escapeLines(element.alt_text)}]` : renderTextObject(element, paint);
}

/** A button gets a number; other elements (menus, date pickers) are shown by name but cannot be used here. */
function renderAccessory(
  element: SectionBlockAccessory | { type: string },
  blockId: string | undefined,
  context: BlockRenderContext,
): string {
  if (isButton(element)) return context.press(element, blockId);
  return context.paint('dim', `[${element.type}: open Slack to use it]`);
}

function isButton(element: { type: string }): element is Button {
  return element.type === 'button';
}
