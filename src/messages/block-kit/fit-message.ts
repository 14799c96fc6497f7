import { fitText } from './fit-text.js';
import { BLOCK_KIT_LIMITS } from './limits.js';
import { mrkdwnText } from './mrkdwn-text.js';
import type { KnownBlock } from './types.js';

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export interface FittedMessage extends SlackMessage {
  /** How many blocks were replaced by the "not shown" note (0 when everything fitted). */
  omitted: number;
}

/**
 * Keeps a message within Slack's block count (50, or `maxBlocks`: 100 for a modal or Home tab) and its `text`
 * within 4,000 characters; the blocks past the limit become one note pointing at the attached report.
 */
export function fitMessage(message: SlackMessage, options: { maxBlocks?: number } = {}): FittedMessage {
  const maxBlocks = options.maxBlocks ?? BLOCK_KIT_LIMITS.blocksPerMessage;
  const text = fitText(message.text, BLOCK_KIT_LIMITS.messageText);
  if (message.blocks.length <= maxBlocks) return { text, blocks: [...message.blocks], omitted: 0 };
  const omitted = message.blocks.length - maxBlocks + 1;
  const note: KnownBlock = {
    type: 'context',
    elements: [mrkdwnText(notShownText(omitted), BLOCK_KIT_LIMITS.textObject)],
  };
  return { text, blocks: [...message.blocks.slice(0, maxBlocks - 1), note], omitted };
}

function notShownText(count: number): string {
  return `${count.toLocaleString('en-US')} more items not shown — see the attached report`;
}
