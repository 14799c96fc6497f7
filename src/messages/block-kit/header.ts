import { BLOCK_KIT_LIMITS } from './limits.js';
import { plainText } from './plain-text.js';
import type { HeaderBlock } from './types.js';

/** A header block whose text fits Slack's 150 characters. */
export function header(text: string): HeaderBlock {
  return { type: 'header', text: plainText(text, BLOCK_KIT_LIMITS.headerText) };
}
