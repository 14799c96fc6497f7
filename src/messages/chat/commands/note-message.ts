import { context } from '../../block-kit/context.js';
import type { SlackMessage } from '../../block-kit/slack-message.js';
import { fitText } from '../../block-kit/fit-text.js';
import { BLOCK_KIT_LIMITS } from '../../block-kit/limits.js';
import { section } from '../../block-kit/section.js';
import { formatUtc } from '../format-utc.js';

/** A one-line announcement in the channel (who paused what, a lock set), stamped in UTC. */
export function noteMessage(line: string, now: Date): SlackMessage {
  const text = fitText(line, BLOCK_KIT_LIMITS.sectionText);
  return { text: fitText(line, BLOCK_KIT_LIMITS.messageText), blocks: [section(text), context([formatUtc(now)])] };
}
