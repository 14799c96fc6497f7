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
 * write it back in the same encoding, byte-order mark and all. Rejects as readFile does.
 */
export async function readTextFile(path: string): Promise<TextFile> {
  const bytes = await readFile(path);
  const encoding = sniffTextEncoding(bytes);
  const mark = encodeText('', { encoding, byteOrderMark: true });
  return {
    text: decodeTextBytes(bytes, encoding),
    encoding,
    byteOrderMark: bytes.subarray(0, mark.length).equals(mark),
  };
}
