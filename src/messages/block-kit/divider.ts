import type { DividerBlock } from './types.js';

export function divider(): DividerBlock {
  return { type: 'divider' };
}
