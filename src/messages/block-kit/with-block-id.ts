import { checkIdentifier } from './check-identifier.js';
import { BLOCK_KIT_LIMITS } from './limits.js';
import type { Block } from './types.js';

/** Sets a checked block_id (how an interaction names its block) when one is given. */
export function withBlockId<B extends Block>(block: B, blockId: string | undefined): B {
  if (blockId !== undefined) block.block_id = checkIdentifier('block_id', blockId, BLOCK_KIT_LIMITS.blockId);
  return block;
}
