import { escapeForDisplay } from '../core/findings/escape-for-display.js';

/** Makes control and invisible characters visible line by line, so message text cannot drive the terminal. */
export function escapeLines(text: string): string {
  return text.split('\n').map(escapeForDisplay).join('\n');
}
