import type { TextEncoding } from '../../preflight/text-chunk-decoder.js';

/**
 * How a text file's bytes are laid out, so that what is written back reads as the file did. `latin1` is how a file
 * that is not UTF-8 (ISO-8859-1, as Java's `.properties` are by definition, or Windows-1252) is edited: one character
 * per byte, so the bytes around the keys dten changes come back exactly as they were.
 */
export interface TextFileEncoding {
  encoding: TextEncoding | 'latin1';
  /** The file starts with a byte-order mark (U+FEFF in its encoding). */
  byteOrderMark: boolean;
}

/** Text as a file's bytes in its encoding, its byte-order mark first when it had one. */
export function encodeText(text: string, { encoding, byteOrderMark }: TextFileEncoding): Buffer {
  const marked = byteOrderMark ? `\ufeff${text}` : text;
  if (encoding === 'utf8' || encoding === 'latin1') return Buffer.from(marked, encoding);
  const bytes = Buffer.from(marked, 'utf16le');
  // Node has no big-endian UTF-16: the little-endian code units are swapped in place.
  return encoding === 'utf16be' ? bytes.swap16() : bytes;
}
