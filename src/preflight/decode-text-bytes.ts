import { classifyContent, SNIFF_BYTES } from './classify-content.js';
import { TextChunkDecoder } from './text-chunk-decoder.js';

/**
 * A whole small file as text, the way Windows tools may have saved it: UTF-8 with or without a byte-order mark, or
 * UTF-16 (Notepad's "Unicode", PowerShell 5's `Out-File`), the mark dropped. Bytes that are no text are read as UTF-8,
 * so whatever parses them next says what is wrong.
 */
export function decodeTextBytes(bytes: Buffer): string {
  const content = classifyContent(bytes.subarray(0, SNIFF_BYTES));
  const decoder = new TextChunkDecoder(content.kind === 'text' ? content.encoding : 'utf8');
  return decoder.write(bytes) + decoder.end();
}
