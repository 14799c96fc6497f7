import { BLOCK_KIT_LIMITS } from './limits.js';
import type { ActionsBlock, Button } from './types.js';
import { withBlockId } from './with-block-id.js';

/** A row of buttons; Slack takes 25 at most, and a button cannot say "more", so the rest are left out. */
export function actions(buttons: readonly Button[], options: { blockId?: string } = {}): ActionsBlock {
  return withBlockId(
    { type: 'actions', elements: buttons.slice(0, BLOCK_KIT_LIMITS.actionsElements) },
    options.blockId,
  );
}
