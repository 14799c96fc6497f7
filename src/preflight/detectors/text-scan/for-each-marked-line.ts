/**
 * Calls `visit` for each line of `text` in which `marker` matches (its flags are kept, `g` added), once per line,
 * with its line number (the text's first line is `firstLine`) and without a trailing `\r`. Lines are found from the
 * matches, not by splitting the text: a detector that needs a dot or a colon on a line skips the millions of lines of a
 * large file that have none without making a string of each.
 */
export function forEachMarkedLine(
  text: string,
  firstLine: number,
  marker: RegExp,
  visit: (line: string, lineNumber: number) => void,
): void {
  const pattern = new RegExp(marker.source, marker.flags.includes('g') ? marker.flags : `${marker.flags}g`);
  let line = firstLine;
  let counted = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const start = text.lastIndexOf('\n', match.index) + 1;
    for (let newline = text.indexOf('\n', counted); newline !== -1 && newline < start;) {
      line += 1;
      newline = text.indexOf('\n', newline + 1);
    }
    counted = start;
    const newline = text.indexOf('\n', match.index);
    const end = newline === -1 ? text.length : newline;
    visit(text.slice(start, text.charCodeAt(end - 1) === 13 && end > start ? end - 1 : end), line);
    if (newline === -1) return;
    pattern.lastIndex = newline + 1;
  }
}
