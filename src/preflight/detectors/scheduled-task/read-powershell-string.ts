const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '0': '' };

/**
 * The quoted string that opens at `start` (`'…'` or `"…"`): its text, escapes read (`''`, `` `" ``, `""`), and the
 * index just past it. A string that does not close on this text ends with it. `$variables` stay as written.
 */
export function readPowerShellString(text: string, start: number): { value: string; end: number } {
  const quote = text.charAt(start);
  let value = '';
  for (let index = start + 1; index < text.length; index++) {
    const char = text.charAt(index);
    if (char === '`' && quote === '"' && index + 1 < text.length) {
      const escaped = text.charAt(++index);
      value += ESCAPES[escaped] ?? escaped;
    } else if (char === quote && text.charAt(index + 1) === quote) {
      value += quote;
      index++;
    } else if (char === quote) {
      return { value, end: index + 1 };
    } else {
      value += char;
    }
  }
  return { value, end: text.length };
}
