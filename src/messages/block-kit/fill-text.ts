import { fitText } from './fit-text.js';

/** Slack refuses an empty text object; a dash says "nothing here" without breaking the message. */
const EMPTY = '—';

/** Text for a required text object: fitted to `limit`, never empty. */
export function fillText(text: string, limit: number): string {
  return text.trim() === '' ? EMPTY : fitText(text, limit);
}
