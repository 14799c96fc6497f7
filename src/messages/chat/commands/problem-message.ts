import type { SlackMessage } from '../../block-kit/slack-message.js';
import { fitText } from '../../block-kit/fit-text.js';
import { BLOCK_KIT_LIMITS } from '../../block-kit/limits.js';
import { section } from '../../block-kit/section.js';

/** A sentence saying what went wrong and what to do next, shown only to the person who asked. */
export function problemMessage(sentence: string): SlackMessage {
  const text = fitText(`⚠️ ${sentence}`, BLOCK_KIT_LIMITS.sectionText);
  return { text: fitText(text, BLOCK_KIT_LIMITS.messageText), blocks: [section(text)] };
}
