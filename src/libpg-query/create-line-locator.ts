export interface LineLocator {
  /** 1-based line and 1-based column (in characters) of a UTF-8 byte offset. */
  locate(offset: number): { line: number; column: number };
}

/** Maps byte offsets (what the parser reports) to lines, counting newline bytes so UTF-8 text cannot shift them. */
export function createLineLocator(bytes: Buffer): LineLocator {
  const lineStarts = [0];
  for (let index = bytes.indexOf(0x0a); index !== -1; index = bytes.indexOf(0x0a, index + 1)) {
    lineStarts.push(index + 1);
  }
  return {
    locate(offset) {
      let low = 0;
      let high = lineStarts.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if ((lineStarts[middle] ?? 0) <= offset) low = middle;
        else high = middle - 1;
      }
      const lineStart = lineStarts[low] ?? 0;
      const column = [...bytes.subarray(lineStart, offset).toString('utf8')].length + 1;
      return { line: low + 1, column };
    },
  };
}

/** The first `count` code points of `text` (PostgreSQL counts characters that way, JavaScript does not). */
export function sliceCodePoints(text: string, count: number): string {
  let end = 0;
  for (let seen = 0; seen < count && end < text.length; seen += 1) {
    end += (text.codePointAt(end) ?? 0) > 0xffff ? 2 : 1;
  }
  return text.slice(0, end);
}
