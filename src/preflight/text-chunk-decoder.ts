import { StringDecoder } from 'node:string_decoder';

export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be';

/**
 * Decodes a file's chunks as they stream by, whatever character a chunk boundary splits, and drops a leading
 * byte-order mark, so line 1 of a file saved "with BOM" starts with its first character (`#!` is still seen).
 * Big-endian UTF-16 is byte-swapped into the little-endian order StringDecoder reads, an odd byte carried over.
 */
export class TextChunkDecoder {
  private readonly decoder: StringDecoder;
  private readonly bigEndian: boolean;
  private carried: Buffer | undefined;
  private atStart = true;

  constructor(encoding: TextEncoding) {
    this.decoder = new StringDecoder(encoding === 'utf8' ? 'utf8' : 'utf16le');
    this.bigEndian = encoding === 'utf16be';
  }

  write(chunk: Buffer): string {
    return this.dropMark(this.decoder.write(this.bigEndian ? this.swap(chunk) : chunk));
  }

  /** What is left; a lone last byte of UTF-16 is no character and is dropped, as StringDecoder does. */
  end(): string {
    return this.dropMark(this.decoder.end());
  }

  private swap(chunk: Buffer): Buffer {
    // Always a copy: swap16 works in place, and the chunk belongs to the stream.
    const bytes = this.carried === undefined ? Buffer.from(chunk) : Buffer.concat([this.carried, chunk]);
    const even = bytes.length - (bytes.length % 2);
    this.carried = even < bytes.length ? bytes.subarray(even) : undefined;
    return bytes.subarray(0, even).swap16();
  }

  private dropMark(text: string): string {
    if (!this.atStart || text === '') return text;
    this.atStart = false;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
}
