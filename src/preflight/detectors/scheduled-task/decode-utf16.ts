/**
 * The text of a UTF-16 file, as Windows writes XML (Task Scheduler exports UTF-16LE with a byte-order mark):
 * by its mark, or little-endian without one when it opens with `<\0`. Undefined for any other bytes.
 */
export function decodeUtf16(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)))
      .swap16()
      .toString('utf16le');
  }
  const littleEndian = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0x3c && bytes[1] === 0);
  return littleEndian ? new TextDecoder('utf-16le').decode(bytes) : undefined;
}
