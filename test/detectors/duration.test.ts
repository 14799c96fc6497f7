import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/core/time/format-duration.js';
import { parseDuration } from '../../src/core/time/parse-duration.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const READABLE: [string, number][] = [
  ['5m', 5 * MINUTE],
  ['90s', 90_000],
  ['1h30m', 90 * MINUTE],
  ['1h 30m', 90 * MINUTE],
  ['1.5h', 90 * MINUTE],
  ['PT1H30M', 90 * MINUTE],
  ['pt5m', 5 * MINUTE],
  ['PT0.5H', 30 * MINUTE],
  ['P1DT2H', 26 * HOUR],
  ['P2W', 14 * 24 * HOUR],
  ['5 minutes', 5 * MINUTE],
  ['an hour', HOUR],
  ['a minute', MINUTE],
  ['2 hours', 2 * HOUR],
  ['half an hour', 30 * MINUTE],
  ['an hour and a half', 90 * MINUTE],
  ['1 and a half hours', 90 * MINUTE],
  ['1 hour and 30 minutes', 90 * MINUTE],
  ['1 hr, 30 mins', 90 * MINUTE],
  ['about 5 minutes', 5 * MINUTE],
  ['~10 min', 10 * MINUTE],
  ['up to 2 days', 48 * HOUR],
  ['250ms', 250],
  ['  45 Seconds. ', 45_000],
];

const UNREADABLE = [
  '',
  '5',
  'soon',
  'a short while',
  '5 parsecs',
  '1h 30',
  '-5m',
  'P',
  'PT',
  'P1M',
  'P1Y',
  'at least 5m',
  '5m or so',
];

describe('parseDuration', () => {
  it.each(READABLE)('when someone writes "%s", it reads as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(UNREADABLE)('when someone writes "%s", it is not read as a duration', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [90 * MINUTE, '1h 30m'],
    [26 * HOUR + 5_000, '1d 2h 5s'],
    [45_000, '45s'],
    [250, '250ms'],
    [0, '0s'],
    [-5 * MINUTE, '-5m'],
  ])('when %d ms is shown, it reads "%s"', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('when a written duration is read and shown again, it comes back in the short form', () => {
    expect(READABLE.map(([text]) => formatDuration(parseDuration(text) ?? Number.NaN))).not.toContain('unknown');
    expect(formatDuration(parseDuration('an hour and a half') ?? 0)).toBe('1h 30m');
  });
});
