import { fillText } from './fill-text.js';
import type { PlainTextElement } from './types.js';

/** A plain_text object within `limit`; takes text already escaped with `escapeMrkdwn` (Slack decodes &amp; here too). */
export function plainText(text: string, limit: number): PlainTextElement {
  return { type: 'plain_text', text: fillText(text, limit), emoji: true };
}
