import { sniffTextEncoding } from './sniff-text-encoding.js';
import { TextChunkDecoder, type TextEncoding } from './text-chunk-decoder.js';

/**
 * A whole small file as text, the way Windows tools may have saved it: UTF-8 with or without a byte-order mark, or
 * UTF-16 (Notepad's "Unicode", PowerShell 5's `Out-File`), the mark dropped. Bytes that are no text are read as UTF-8,
 * so whatever parses them next says what is wrong.
 */
export function decodeTextBytes(bytes: Buffer, encoding: TextEncoding = sniffTextEncoding(bytes)): string {
  const decoder = new TextChunkDecoder(encoding);
  return decoder.write(bytes) + decoder.end();
}
