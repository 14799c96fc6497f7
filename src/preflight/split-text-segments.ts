import { StringDecoder } from 'node:string_decoder';

export interface TextSegment {
  text: string;
  firstLine: number;
}

/**
 * Cuts a stream of UTF-8 chunks into line-aligned segments of at most about `maxBytes`,
 * so a huge text file is scanned with bounded memory and correct line numbers.
 */
export class TextSegmenter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private nextLine = 1;

  constructor(private readonly maxChars: number) {}

  push(chunk: Buffer): TextSegment[] {
    this.pending += this.decoder.write(chunk);
    const out: TextSegment[] = [];
    while (this.pending.length >= this.maxChars) {
      const cut = this.pending.lastIndexOf('\n', this.maxChars);
      const end = cut >= 0 ? cut + 1 : this.maxChars;
      out.push(this.take(end));
    }
    return out;
  }

  end(): TextSegment[] {
    this.pending += this.decoder.end();
    return this.pending.length > 0 || this.nextLine === 1 ? [this.take(this.pending.length)] : [];
  }

  private take(end: number): TextSegment {
    const text = this.pending.slice(0, end);
    this.pending = this.pending.slice(end);
    const segment = { text, firstLine: this.nextLine };
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.nextLine += 1;
    return segment;
  }
}
