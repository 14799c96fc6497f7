import { capItems } from './cap-items.js';
import { BLOCK_KIT_LIMITS } from './limits.js';
import { mrkdwnText } from './mrkdwn-text.js';
import type { SectionBlock, SectionBlockAccessory } from './types.js';
import { withBlockId } from './with-block-id.js';

export interface SectionOptions {
  /** Already-safe mrkdwn, shown in two columns; see `fields()`. Past ten, the tenth says how many more there were. */
  fields?: readonly string[];
  accessory?: SectionBlockAccessory;
  blockId?: string;
}

/** A section of already-safe mrkdwn within Slack's limits; empty `text` with fields gives a fields-only section. */
export function section(text: string, options: SectionOptions = {}): SectionBlock {
  const { sectionText, sectionFields, fieldText } = BLOCK_KIT_LIMITS;
  const fields = capItems(options.fields ?? [], sectionFields, (more) => more);
  const block: SectionBlock = { type: 'section' };
  if (text.trim() !== '' || fields.length === 0) block.text = mrkdwnText(text, sectionText);
  if (fields.length > 0) block.fields = fields.map((field) => mrkdwnText(field, fieldText));
  if (options.accessory) block.accessory = options.accessory;
  return withBlockId(block, options.blockId);
}
