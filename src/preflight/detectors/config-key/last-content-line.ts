/** Index of the last line that is not blank, so additions go before the file's trailing newline; -1 if none. */
export function lastContentLine(lines: readonly string[]): number {
  let index = lines.length - 1;
  while (index >= 0 && (lines[index] ?? '').trim() === '') index--;
  return index;
}
