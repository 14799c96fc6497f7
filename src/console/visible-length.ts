/** Our colour codes (`ESC [ n m`), which take no column. */
const SGR = new RegExp(`${String.fromCharCode(0x1b)}\\[\\d+m`, 'g');

/** Columns a line takes in a terminal, leaving out our colour codes (one column per code point). */
export function visibleLength(line: string): number {
  return [...line.replace(SGR, '')].length;
}
