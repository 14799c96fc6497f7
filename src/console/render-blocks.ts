import type { Button, KnownBlock } from '../messages/block-kit/types.js';
import { createPainter } from './create-painter.js';
import type { PressableButton } from './pressable-button.js';
import { renderBlock } from './render-block.js';
import { renderButton } from './render-button.js';

export interface RenderBlocksOptions {
  /** The number the first button gets; a session passes its counter so numbers stay unique across messages. */
  buttonNumbers: number;
  /** ANSI colours and emphasis; off by default so that logs and pipes get plain text. */
  color?: boolean;
  /** Columns for dividers and the two field columns. */
  width?: number;
}

export interface RenderedBlocks {
  text: string;
  /** Button number → what pressing it sends, as Slack's `block_actions` payload would carry it. */
  buttons: Map<number, PressableButton>;
  /** The number the next message's first button should get. */
  nextButtonNumber: number;
}

const DEFAULT_WIDTH = 72;

/** A Slack message's blocks as terminal text with numbered buttons, for the console adapter (Hubot shell style). */
export function renderBlocks(blocks: readonly KnownBlock[], options: RenderBlocksOptions): RenderedBlocks {
  const paint = createPainter(options.color ?? false);
  const buttons = new Map<number, PressableButton>();
  let next = options.buttonNumbers;
  const context = {
    paint,
    width: options.width ?? DEFAULT_WIDTH,
    press: (button: Button, blockId: string | undefined) => {
      const { label, pressable } = renderButton(button, next, blockId, paint);
      buttons.set(next, pressable);
      next += 1;
      return label;
    },
  };
  const text = blocks.flatMap((block) => renderBlock(block, context)).join('\n');
  return { text, buttons, nextButtonNumber: next };
}
