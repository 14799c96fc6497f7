import { describe, expect, it } from 'vitest';
import { forEachMarkedLine } from '../../src/preflight/detectors/text-scan/for-each-marked-line.js';

function marked(text: string, firstLine = 1, marker = /[.:]/g): [number, string][] {
  const seen: [number, string][] = [];
  forEachMarkedLine(text, firstLine, marker, (line, number) => seen.push([number, line]));
  return seen;
}

/** What splitting the text into lines and keeping those the marker matches gives: the finder must agree with it. */
function bySplitting(text: string, firstLine = 1, marker = /[.:]/): [number, string][] {
  return text
    .split(/\r?\n/)
    .map((line, index): [number, string] => [firstLine + index, line])
    .filter(([, line]) => marker.test(line));
}

describe('finding the lines a marker occurs in without splitting the text', () => {
  it('visits each marked line once, with its number and without its line ending, whatever the line endings', () => {
    const text = 'plain\r\nhost = a.example\r\n\r\nno mark\nurl: https://b.example:8443/x.y\nlast.line';
    expect(marked(text, 40)).toEqual([
      [41, 'host = a.example'],
      [44, 'url: https://b.example:8443/x.y'],
      [45, 'last.line'],
    ]);
    expect(marked(text, 40)).toEqual(bySplitting(text, 40));
  });

  it('handles a mark on the first or last character, a text of one marked line, and a text with none', () => {
    for (const text of ['.', ':\n', 'a\n.', '\n\n.\n', '', '\n', 'no marks here\nat all\n', '.\n.\r\n.'])
      expect(marked(text)).toEqual(bySplitting(text));
  });

  it('agrees with splitting on a random text of marks, newlines and carriage returns', () => {
    let seed = 7;
    const alphabet = ['a', 'b', '.', ':', '\n', '\r\n', ' '];
    for (let round = 0; round < 200; round += 1) {
      let text = '';
      for (let i = 0; i < 60; i += 1) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        text += alphabet[seed % alphabet.length];
      }
      expect(marked(text, 3)).toEqual(bySplitting(text, 3));
    }
  });
});
