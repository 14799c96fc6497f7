import { classifyContent, SNIFF_BYTES } from './classify-content.js';
import type { TextEncoding } from './text-chunk-decoder.js';

/** The encoding a whole small file is read in: what its head says (classifyContent), UTF-8 when it is no text. */
export function sniffTextEncoding(bytes: Buffer): TextEncoding {
  const content = classifyContent(bytes.subarray(0, SNIFF_BYTES));
  return content.kind === 'text' ? content.encoding : 'utf8';
}
