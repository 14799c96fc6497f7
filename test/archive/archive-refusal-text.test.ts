import { describe, expect, it } from 'vitest';
import { ArchiveRefusal, type ArchiveRefusalCode } from '../../src/core/errors/archive-refusal.js';
import { describeArchiveRefusal } from '../../src/messages/archive-refusal-text.js';

const EXAMPLES: Record<ArchiveRefusalCode, ArchiveRefusal['params']> = {
  'not-found': { detail: "ENOENT: no such file or directory, stat 'x.zip'" },
  'empty-file': {},
  'not-a-zip': { detail: 'End of central directory record signature not found.' },
  truncated: { detail: 'unexpected EOF' },
  corrupt: { entry: 'lib/a.jar', detail: 'invalid code lengths set' },
  'too-many-entries': { count: 25_000, limit: 20_000 },
  'entry-too-large': { entry: 'db/dump.sql', size: 2 * 1024 ** 3, limit: 1024 ** 3 },
  'total-too-large': { size: 5 * 1024 ** 3, limit: 4 * 1024 ** 3 },
  'compression-ratio': { entry: 'zeros.img', ratio: 1030, limit: 200 },
  'overlapping-entries': { entry: 'copy1', other: 'kernel' },
  'crc-mismatch': { entry: 'bin/dten', expected: '0x12345678', actual: '0x9abcdef0' },
  'size-mismatch': { entry: 'a.txt', detail: 'too many bytes in the stream. expected 5. got at least 16384' },
  'unsafe-path': { entry: '../../etc/cron.d/x', reason: 'parent', detail: 'invalid relative path: ../../etc/cron.d/x' },
  'manifest-too-large': { entry: 'manifest.json', size: 3 * 1024 ** 2, limit: 1024 ** 2 },
  unsupported: { detail: 'multi-disk zip files are not supported: found disk number: 1' },
};

describe('the words for archive refusals', () => {
  it.each(Object.entries(EXAMPLES))(
    'when a package is refused as %s, the reason is one plain line that says what is wrong and what to do',
    (code, params) => {
      const text = describeArchiveRefusal(new ArchiveRefusal(code as ArchiveRefusalCode, params));
      expect(text).not.toMatch(/[\r\n]|undefined|\[object|NaN/);
      expect(text.split('. ').length).toBeGreaterThanOrEqual(2);
      expect(text).toMatch(/\.$/);
      if (typeof params.entry === 'string') expect(text).toContain(`\`${params.entry}\``);
    },
  );

  it('when sizes are given, they read in binary units rather than raw byte counts', () => {
    const text = describeArchiveRefusal(new ArchiveRefusal('entry-too-large', EXAMPLES['entry-too-large']));
    expect(text).toContain('2.0 GiB');
    expect(text).toContain('1.0 GiB');
  });

  it('when yauzl words end in their own punctuation, the sentence does not double it', () => {
    const text = describeArchiveRefusal(new ArchiveRefusal('corrupt', { detail: 'Are there extra bytes?' }));
    expect(text).toContain('extra bytes. ');
    expect(text).not.toContain('?.');
  });

  it('when a refusal carries no parameters, the text still reads as a sentence', () => {
    for (const code of Object.keys(EXAMPLES) as ArchiveRefusalCode[]) {
      expect(describeArchiveRefusal(new ArchiveRefusal(code))).not.toMatch(/undefined|\[object|NaN/);
    }
  });
});
