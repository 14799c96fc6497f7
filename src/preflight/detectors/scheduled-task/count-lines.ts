/**
 * The line number of an offset in a text whose lines stay apart by `\n` (a joined PowerShell statement), the text
 * starting on line `firstLine`; for offsets asked in ascending order, so that the text is read once however many
 * offsets are asked (counting from the start each time is quadratic on a long line).
 */
export function countLines(text: string, firstLine: number): (offset: number) => number {
  let counted = 0;
  let line = firstLine;
  return (offset) => {
    for (; counted < offset; counted++) if (text.charAt(counted) === '\n') line++;
    return line;
  };
}
