import type { TextEncoding } from '../../preflight/text-chunk-decoder.js';

/** How a text file's bytes are laid out, so that what is written back reads as the file did. */
export interface TextFileEncoding {
  encoding: TextEncoding;
  /** The file starts with a byte-order mark (U+FEFF in its encoding). */
  byteOrderMark: boolean;
}

/** Text as a file's bytes in its encoding, its byte-order mark first when it had one. */
export function encodeText(text: string, { encoding, byteOrderMark }: TextFileEncoding): Buffer {
  const marked = byteOrderMark ? `\ufeff${text}` : text;
  if (encoding === 'utf8') return Buffer.from(marked, 'utf8');
  const bytes = Buffer.from(marked, 'utf16le');
  // Node has no big-endian UTF-16: the little-endian code units are swapped in place.
  return encoding === 'utf16be' ? bytes.swap16() : bytes;
}
