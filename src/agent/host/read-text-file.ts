import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { decodeTextBytes } from '../../preflight/decode-text-bytes.js';
import { sniffTextEncoding } from '../../preflight/sniff-text-encoding.js';
import { encodeText, type TextFileEncoding } from './encode-text.js';

export interface TextFile extends TextFileEncoding {
  /** The text without its byte-order mark. */
  text: string;
}

/**
 * A config file read as preflight reads it (UTF-8, or UTF-16 as Windows tools save it), with what encodeText needs to
 * write it back in the same encoding, byte-order mark and all. Bytes that are not UTF-8 are read one character per
 * byte (latin1): decoded as UTF-8 they would be written back as U+FFFD, changing values the service reads. Rejects as
 * readFile does.
 */
export async function readTextFile(path: string): Promise<TextFile> {
  const bytes = await readFile(path);
  const sniffed = sniffTextEncoding(bytes);
  if (sniffed === 'utf8' && !isUtf8(bytes))
    return { text: bytes.toString('latin1'), encoding: 'latin1', byteOrderMark: false };
  const mark = encodeText('', { encoding: sniffed, byteOrderMark: true });
  return {
    text: decodeTextBytes(bytes, sniffed),
    encoding: sniffed,
    byteOrderMark: bytes.subarray(0, mark.length).equals(mark),
  };
}
