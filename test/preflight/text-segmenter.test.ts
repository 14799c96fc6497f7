import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findCredentials } from '../../src/preflight/detectors/credential/find-credentials.js';
import { TextSegmenter } from '../../src/preflight/split-text-segments.js';
import type { TextEncoding } from '../../src/preflight/text-chunk-decoder.js';
import { encodeUtf16 } from './encode-utf16.js';

function segmentAll(text: string | Buffer, maxChars: number, chunkSize: number, encoding: TextEncoding = 'utf8') {
  const segmenter = new TextSegmenter(maxChars, encoding);
  const bytes = Buffer.from(text);
  const out = [];
  for (let i = 0; i < bytes.length; i += chunkSize) out.push(...segmenter.push(bytes.subarray(i, i + chunkSize)));
  out.push(...segmenter.end());
  return out;
}

describe('cutting large text into line-aligned segments', () => {
  it('when a file is larger than a segment, every line arrives once, whole, with its own line number', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `line ${i + 1} ✓ ${'x'.repeat(i % 37)}`);
    const segments = segmentAll(`${lines.join('\n')}\n`, 500, 7);
    expect(segments.length).toBeGreaterThan(10);
    const seen: string[] = [];
    for (const segment of segments) {
      const segmentLines = segment.text.split('\n').filter((line) => line !== '');
      segmentLines.forEach((line, index) => expect(line.startsWith(`line ${segment.firstLine + index} `)).toBe(true));
      seen.push(...segmentLines);
    }
    expect(seen).toEqual(lines);
  });

  it('when a multi-byte character is split across chunks, it is decoded intact', () => {
    const segments = segmentAll('é€😀\n', 100, 1);
    expect(segments.map((s) => s.text).join('')).toBe('é€😀\n');
  });

  it('when a file is empty, detectors still see it once', () => {
    expect(segmentAll('', 100, 10)).toEqual([{ text: '', firstLine: 1 }]);
    expect(segmentAll(encodeUtf16(''), 100, 10, 'utf16le')).toEqual([{ text: '', firstLine: 1 }]);
  });

  it('when a UTF-8 file starts with a byte-order mark, line 1 starts with its first character', () => {
    const segments = segmentAll('\uFEFF#!/bin/sh\necho ok\n', 100, 1);
    expect(segments.map((s) => s.text).join('')).toBe('#!/bin/sh\necho ok\n');
  });

  const utf16Text = `${Array.from({ length: 300 }, (_, i) => `line ${i + 1} é€😀 ${'x'.repeat(i % 13)}`).join('\r\n')}\r\n`;
  it.each([
    ['UTF-16LE', encodeUtf16(utf16Text, 'le'), 'utf16le'],
    ['UTF-16BE', encodeUtf16(utf16Text, 'be'), 'utf16be'],
    ['UTF-16LE without a byte-order mark', encodeUtf16(utf16Text, 'le', false), 'utf16le'],
    ['UTF-16BE without a byte-order mark', encodeUtf16(utf16Text, 'be', false), 'utf16be'],
  ] as const)(
    'when %s arrives in chunks that split code units and surrogate pairs, it decodes intact, mark dropped, lines counted',
    (_case, bytes, encoding) => {
      for (const chunkSize of [1, 3, 7, 4096]) {
        const segments = segmentAll(bytes, 500, chunkSize, encoding);
        expect(segments.length).toBeGreaterThan(10);
        expect(segments.map((s) => s.text).join('')).toBe(utf16Text);
        for (const segment of segments) expect(segment.text).toMatch(new RegExp(`^line ${segment.firstLine} `));
      }
    },
  );

  it('when a line is longer than a segment, the cut inside it never falls between the halves of a surrogate pair', () => {
    const text = `a${'😀'.repeat(400)}\n`;
    for (const encoding of ['utf8', 'utf16le'] as const) {
      const bytes = encoding === 'utf8' ? Buffer.from(text) : encodeUtf16(text);
      const segments = segmentAll(bytes, 100, 5, encoding);
      expect(segments.length).toBeGreaterThan(5);
      for (const segment of segments) expect(segment.text).not.toMatch(/\p{Cs}/u);
      expect(segments.map((s) => s.text).join('')).toBe(text);
    }
  });

  const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'sec1', format: 'pem' })
    .toString();
  const filler = (count: number, from = 1): string[] =>
    Array.from({ length: count }, (_, i) => `setting_${from + i} = value ${'x'.repeat(20)}`);
  /** A segment boundary would fall inside `block`: it starts a few lines before one segment's worth of text. */
  const straddling = (block: string, maxChars: number): string => {
    const before: string[] = [];
    while (before.join('\n').length < maxChars - 100) before.push(...filler(1, before.length + 1));
    const text = `${[...before, ...block.trimEnd().split('\n'), ...filler(40, 1000)].join('\n')}\n`;
    // The block opens before the first segment's end and closes after it.
    const opens = before.join('\n').length;
    expect(opens).toBeLessThan(maxChars);
    expect(opens + block.length).toBeGreaterThan(maxChars);
    return text;
  };

  it('when a cut would split a PEM block, the block goes whole into the next segment and the key is still found once', () => {
    const maxChars = 2000;
    const text = straddling(pem, maxChars);
    const segments = segmentAll(text, maxChars, 64);
    expect(segments.map((segment) => segment.text).join('')).toBe(text);
    const holding = segments.filter((segment) => segment.text.includes('-----BEGIN EC PRIVATE KEY-----'));
    expect(holding).toHaveLength(1);
    expect(holding[0]?.text).toContain('-----END EC PRIVATE KEY-----');
    const found = segments.flatMap((segment) =>
      findCredentials(segment.text).map((match) => match.line + segment.firstLine - 1),
    );
    expect(found).toEqual([text.split('\n').indexOf('-----BEGIN EC PRIVATE KEY-----') + 1]);
  });

  it('when a cut would split a heredoc, it moves to the line that opens it', () => {
    const maxChars = 2000;
    const heredoc = `crontab - <<'CRON'\n${Array.from({ length: 20 }, (_, i) => `${i} 3 * * * /opt/dten/bin/task-${i}`).join('\n')}\nCRON`;
    const text = straddling(heredoc, maxChars);
    const segments = segmentAll(text, maxChars, 64);
    expect(segments.map((segment) => segment.text).join('')).toBe(text);
    const opening = segments.find((segment) => segment.text.includes("crontab - <<'CRON'"));
    expect(opening?.text).toMatch(/^CRON$/m);
  });

  it('when a block opened more than half a segment back, the cut stays where it was rather than shrinking the segment', () => {
    const maxChars = 600;
    const heredoc = `crontab - <<CRON\n${Array.from({ length: 40 }, (_, i) => `${i} 3 * * * /opt/dten/bin/task-${i}`).join('\n')}\nCRON`;
    const text = `${[...filler(3), heredoc, ...filler(40, 1000)].join('\n')}\n`;
    const segments = segmentAll(text, maxChars, 64);
    expect(segments.map((segment) => segment.text).join('')).toBe(text);
    for (const segment of segments.slice(0, -1)) expect(segment.text.length).toBeGreaterThan(maxChars / 2);
  });
});
