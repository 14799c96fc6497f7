import type { KeywordAutomaton } from './build-keyword-automaton.js';

/** Non-ASCII maps to 0, which no keyword holds, so a keyword never spans it. */
const LOWER = Uint8Array.from({ length: 256 }, (_, code) =>
  code >= 128 ? 0 : code >= 65 && code <= 90 ? code + 32 : code,
);

/**
 * Calls `onLine` for each line of `text` holding a keyword, with the automaton states where keywords ended.
 * Reads the text as latin1 bytes: one byte per UTF-16 unit, so offsets match the string.
 */
export function scanKeywordLines(
  automaton: KeywordAutomaton,
  text: string,
  onLine: (lineStart: number, lineEnd: number, states: readonly number[]) => void,
): void {
  const bytes = Buffer.from(text, 'latin1');
  const { step } = automaton;
  const states: number[] = [];
  let state = 0;
  let lineStart = 0;
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i] ?? 0;
    if (byte === 10) {
      // Setting an array's length is a call into the runtime: only for the few lines that had a keyword.
      if (states.length > 0) {
        onLine(lineStart, i, states);
        states.length = 0;
      }
      lineStart = i + 1;
      state = 0;
      continue;
    }
    const next = step[(state << 7) | (LOWER[byte] ?? 0)] ?? 0;
    state = next & 0x7fff;
    if (next > 0x7fff) states.push(state);
  }
  if (states.length > 0) onLine(lineStart, bytes.length, states);
}
