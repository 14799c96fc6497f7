import { describe, expect, it } from 'vitest';
import { TextSegmenter } from '../../src/preflight/split-text-segments.js';

function segmentAll(text: string, maxChars: number, chunkSize: number) {
  const segmenter = new TextSegmenter(maxChars);
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
  });
});
