import { TextChunkDecoder, type TextEncoding } from './text-chunk-decoder.js';

export interface TextSegment {
  text: string;
  firstLine: number;
}

/** How far back from a segment's end a cut may move to keep a PEM block or a heredoc in one segment. */
const KEEP_WHOLE_CHARS = 64 * 1024;

/**
 * Cuts a stream of UTF-8 or UTF-16 chunks into line-aligned segments of at most about `maxChars` characters,
 * so a huge text file is scanned with bounded memory and correct line numbers. A PEM block or a shell heredoc
 * (a crontab written with `crontab - <<EOF`, say) that a cut would split goes whole into the next segment, so the
 * detectors that read them as one piece still see it.
 */
export class TextSegmenter {
  private readonly decoder: TextChunkDecoder;
  private pending = '';
  private nextLine = 1;

  constructor(
    private readonly maxChars: number,
    encoding: TextEncoding = 'utf8',
  ) {
    this.decoder = new TextChunkDecoder(encoding);
  }

  push(chunk: Buffer): TextSegment[] {
    this.pending += this.decoder.write(chunk);
    const out: TextSegment[] = [];
    while (this.pending.length >= this.maxChars) out.push(this.take(chooseCut(this.pending, this.maxChars)));
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

/** After the last newline before `limit`; earlier, at a line start, when that would split a PEM block or a heredoc. */
function chooseCut(pending: string, limit: number): number {
  const newline = pending.lastIndexOf('\n', limit);
  // A line longer than a segment is cut inside it, but never between the two halves of a surrogate pair.
  if (newline < 0) return limit > 1 && isHighSurrogate(pending.charCodeAt(limit - 1)) ? limit - 1 : limit;
  const end = newline + 1;
  // Never back by more than half a segment, so segments stay large whatever the text holds.
  const from = Math.max(0, end - Math.min(KEEP_WHOLE_CHARS, Math.floor(limit / 2)));
  // Only the window a cut may move back into is searched, not the whole segment.
  const window = pending.slice(from, end);
  const open = [openPemBlock(window), openHeredoc(window)].filter((at) => at > 0);
  return open.length > 0 ? from + Math.min(...open) : end;
}

/** In `window`, the start of the line of a `-----BEGIN` with no `-----END` after it; else -1. */
function openPemBlock(window: string): number {
  const begin = window.lastIndexOf('-----BEGIN ');
  if (begin < 0 || window.includes('-----END ', begin)) return -1;
  return lineStart(window, begin);
}

/** In `window`, the start of the line of the last heredoc whose terminating word has not come yet; else -1. */
function openHeredoc(window: string): number {
  const last = [...window.matchAll(/<<[-~]?[ \t]*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/g)].at(-1);
  if (last === undefined) return -1;
  const after = window.slice(last.index + last[0].length);
  if (new RegExp(`^[ \\t]*${last[2]}[ \\t]*$`, 'm').test(after)) return -1;
  return lineStart(window, last.index);
}

/** The start of the line holding `at`, when that line starts inside `window` (a cut must stay on a line boundary). */
function lineStart(window: string, at: number): number {
  const newline = window.lastIndexOf('\n', at);
  return newline >= 0 ? newline + 1 : -1;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
