import type { KnownBlock } from './types.js';

/** A message as dten posts it: the notification text and its Block Kit blocks (each builder keeps within the limits). */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}
