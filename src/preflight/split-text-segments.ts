import { StringDecoder } from 'node:string_decoder';

export interface TextSegment {
  text: string;
  firstLine: number;
}

/** How far back from a segment's end a cut may move to keep a PEM block or a heredoc in one segment. */
const KEEP_WHOLE_CHARS = 64 * 1024;

/**
 * Cuts a stream of UTF-8 chunks into line-aligned segments of at most about `maxBytes`,
 * so a huge text file is scanned with bounded memory and correct line numbers. A PEM block or a shell heredoc
 * (a crontab written with `crontab - <<EOF`, say) that a cut would split goes whole into the next segment, so the
 * detectors that read them as one piece still see it.
 */
export class TextSegmenter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private nextLine = 1;

  constructor(private readonly maxChars: number) {}

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
  if (newline < 0) return limit;
  const end = newline + 1;
  // Never back by more than half a segment, so segments stay large whatever the text holds.
  const from = Math.max(0, end - Math.min(KEEP_WHOLE_CHARS, Math.floor(limit / 2)));
  const open = [openPemBlock(pending, from, end), openHeredoc(pending, from, end)].filter((at) => at > 0);
  return open.length > 0 ? Math.min(...open) : end;
}

/** The start of the line of a `-----BEGIN` in pending[from, end) with no `-----END` after it there; else -1. */
function openPemBlock(pending: string, from: number, end: number): number {
  const begin = pending.lastIndexOf('-----BEGIN ', end - 1);
  if (begin < from || pending.slice(begin, end).includes('-----END ')) return -1;
  return lineStartWithin(pending, begin, from);
}

/** The start of the line of the last heredoc in pending[from, end) whose terminating word has not come yet; else -1. */
function openHeredoc(pending: string, from: number, end: number): number {
  const window = pending.slice(from, end);
  const starts = [...window.matchAll(/<<[-~]?[ \t]*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/g)];
  const last = starts.at(-1);
  if (last === undefined) return -1;
  const after = window.slice(last.index + last[0].length);
  if (new RegExp(`^[ \\t]*${last[2]}[ \\t]*$`, 'm').test(after)) return -1;
  return lineStartWithin(pending, from + last.index, from);
}

/** The start of the line holding `at`, if that line starts after `from` (a cut must stay on a line boundary). */
function lineStartWithin(pending: string, at: number, from: number): number {
  const newline = pending.lastIndexOf('\n', at);
  return newline >= from ? newline + 1 : -1;
}
