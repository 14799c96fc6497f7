import { fillText } from './fill-text.js';
import type { MrkdwnElement } from './types.js';

/** A mrkdwn object within `limit`, from already-safe mrkdwn (untrusted parts went through `escapeMrkdwn`). */
export function mrkdwnText(text: string, limit: number): MrkdwnElement {
  return { type: 'mrkdwn', text: fillText(text, limit) };
}
