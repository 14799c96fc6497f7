import { BLOCK_KIT_LIMITS } from '../../../src/messages/block-kit/limits.js';
import type { KnownBlock } from '../../../src/messages/block-kit/types.js';
import type { SlackAnswer } from './fake-slack-types.js';
import { jsonArg } from './json-arg.js';
import { slackError } from './slack-error.js';
import { stringArg } from './string-arg.js';
import { validateBlocks } from './validate-blocks.js';

export interface MessageContent {
  text?: string;
  blocks?: KnownBlock[];
}

/**
 * A message's `text` and `blocks`, refused as Slack refuses them: `invalid_blocks_format`, `invalid_blocks` (every
 * limit in limits.ts), and `msg_too_long` past `messageText` — stricter than Slack's 40,000 on purpose.
 */
export function readMessageContent(args: Record<string, unknown>, textKey = 'text'): MessageContent | SlackAnswer {
  const content: MessageContent = {};
  const text = stringArg(args, textKey);
  if (text !== undefined && text.length > BLOCK_KIT_LIMITS.messageText) return slackError('msg_too_long');
  if (text !== undefined) content.text = text;
  const blocks = jsonArg(args.blocks);
  if (blocks === undefined) return content;
  if (blocks === 'malformed' || !Array.isArray(blocks.value)) return slackError('invalid_blocks_format');
  const errors = validateBlocks(blocks.value, BLOCK_KIT_LIMITS.blocksPerMessage);
  if (errors.length > 0) return invalidBlocks('invalid_blocks', errors);
  content.blocks = blocks.value as KnownBlock[];
  return content;
}

/** Slack lists each problem twice: in `errors` and as `[ERROR]` lines in `response_metadata.messages`. */
export function invalidBlocks(error: string, errors: string[]): SlackAnswer {
  return slackError(error, { errors, response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } });
}

export function isAnswer(result: MessageContent | SlackAnswer): result is SlackAnswer {
  return 'ok' in result;
}
