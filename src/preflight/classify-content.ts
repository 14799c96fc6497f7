import { TextChunkDecoder, type TextEncoding } from './text-chunk-decoder.js';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const BINARY_MAGICS = [
  Buffer.from([0x7f, 0x45, 0x4c, 0x46]), // ELF
  Buffer.from('MZ'),
  Buffer.from([0xfe, 0xed, 0xfa, 0xce]),
  Buffer.from([0xfe, 0xed, 0xfa, 0xcf]),
  Buffer.from([0xce, 0xfa, 0xed, 0xfe]),
  Buffer.from([0xcf, 0xfa, 0xed, 0xfe]),
  Buffer.from([0xca, 0xfe, 0xba, 0xbe]),
  Buffer.from([0x1f, 0x8b]), // gzip
  Buffer.from([0x89, 0x50, 0x4e, 0x47]), // PNG
  Buffer.from('%PDF'),
];
/** How much of a file's start decides how it is read. */
export const SNIFF_BYTES = 8192;
/** Without a byte-order mark, this share of the head's code units must be ASCII-range for it to count as UTF-16. */
const ASCII_UNIT_SHARE = 0.75;
/** A control character no text file holds (tab, LF, FF and CR are text; U+0000 is not), or a lone surrogate. */
const NOT_TEXT = /(?![\t\n\f\r])\p{Cc}|\p{Cs}/u;

export type ContentKind = { kind: 'archive' } | { kind: 'binary' } | { kind: 'text'; encoding: TextEncoding };

/**
 * Decides from the first bytes (up to 8 KiB) how a file is scanned. UTF-16, as Windows tools write it (PowerShell
 * ISE, Task Scheduler exports, `.reg` files), holds NUL bytes yet is text: it is recognised by its byte-order mark,
 * or without one when its head is ASCII-range UTF-16, so its secrets and tasks are read like any other text.
 */
export function classifyContent(head: Buffer): ContentKind {
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) return { kind: 'archive' };
  if (BINARY_MAGICS.some((magic) => head.subarray(0, magic.length).equals(magic))) return { kind: 'binary' };
  const sniffed = head.subarray(0, SNIFF_BYTES);
  const encoding = byteOrderMark(sniffed) ?? (sniffed.includes(0) ? asciiRangeUtf16(sniffed) : 'utf8');
  if (encoding === undefined || (encoding !== 'utf8' && !decodesAsText(sniffed, encoding))) return { kind: 'binary' };
  return { kind: 'text', encoding };
}

function byteOrderMark(head: Buffer): TextEncoding | undefined {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  return undefined;
}

/** Little- or big-endian when most code units have a zero high byte (ASCII or Latin-1 text); else undefined. */
function asciiRangeUtf16(head: Buffer): TextEncoding | undefined {
  let zeroOdd = 0;
  let zeroEven = 0;
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i] === 0) zeroEven += 1;
    if (head[i + 1] === 0) zeroOdd += 1;
  }
  // When both counts pass, most units are U+0000, which `decodesAsText` refuses.
  const needed = Math.max(1, Math.floor(head.length / 2) * ASCII_UNIT_SHARE);
  if (zeroOdd >= needed) return 'utf16le';
  return zeroEven >= needed ? 'utf16be' : undefined;
}

/** True when the head, decoded, holds no control character a text file would not hold and no lone surrogate. */
function decodesAsText(head: Buffer, encoding: TextEncoding): boolean {
  // The decoder holds back a code unit or surrogate pair the head ends inside of.
  return !NOT_TEXT.test(new TextChunkDecoder(encoding).write(head));
}
