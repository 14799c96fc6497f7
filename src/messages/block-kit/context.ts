import { capItems } from './cap-items.js';
import { BLOCK_KIT_LIMITS } from './limits.js';
import { mrkdwnText } from './mrkdwn-text.js';
import type { ContextBlock, ImageElement } from './types.js';
import { withBlockId } from './with-block-id.js';

/** A context block of already-safe mrkdwn and images; past ten elements the tenth says how many more there were. */
export function context(
  elements: readonly (string | ImageElement)[],
  options: { blockId?: string } = {},
): ContextBlock {
  const { contextElements, textObject } = BLOCK_KIT_LIMITS;
  const kept = capItems<string | ImageElement>(elements, contextElements, (more) => more);
  const block: ContextBlock = {
    type: 'context',
    elements: kept.map((element) => (typeof element === 'string' ? mrkdwnText(element, textObject) : element)),
  };
  return withBlockId(block, options.blockId);
}
