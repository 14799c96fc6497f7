import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArchiveRefusal, type ArchiveRefusalCode } from '../../src/core/errors/archive-refusal.js';
import { describeArchiveRefusal } from '../../src/messages/archive-refusal-text.js';
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits, type ArchiveSource } from '../../src/preflight/archive.js';
import { openArchive } from '../../src/yauzl/open-archive.js';
import { buildRawZip, type RawZipEntry } from '../helpers/raw-zip.js';
import { buildYazlZip, writeTempFile } from './build-yazl-zip.js';

/** Opens and reads every entry, the way the preflight does, and returns the refusal that stopped it. */
async function refusalOf(
  source: ArchiveSource,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): Promise<ArchiveRefusal> {
  try {
    const archive = await openArchive(source, limits);
    try {
      for (const entry of archive.entries)
        for await (const chunk of archive.read(entry)) expect(chunk).toBeInstanceOf(Buffer);
    } finally {
      archive.close();
    }
  } catch (error) {
    if (error instanceof ArchiveRefusal) return error;
    throw error;
  }
  throw new Error('the archive was accepted');
}

const raw = (entries: RawZipEntry[]): ArchiveSource => ({
  kind: 'buffer',
  buffer: buildRawZip(entries),
  name: 'pkg.zip',
});

async function expectRefused(source: ArchiveSource, code: ArchiveRefusalCode, limits?: ArchiveLimits): Promise<string> {
  const refusal = await refusalOf(source, limits);
  expect(refusal.code).toBe(code);
  return describeArchiveRefusal(refusal);
}

describe('packages that cannot be read safely are refused with a reason', () => {
  it('when the package path does not exist, it is refused as not found', async () => {
    const text = await expectRefused(
      { kind: 'file', path: join('/nonexistent', 'Full-upgrade-package-dten.zip') },
      'not-found',
    );
    expect(text).toContain('ENOENT');
  });

  it('when a zip64 record puts the central directory far past the end of the file, it is refused as cut short', async () => {
    // A FileHandle read at an offset past 2^53 would read from the file's current position: never let one through.
    const zip = buildRawZip([{ name: 'scripts/install.sh', content: 'echo harmless\n' }]);
    const end = Buffer.from(zip.subarray(zip.length - 22));
    const body = zip.subarray(0, zip.length - 22);
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(1n, 24);
    record.writeBigUInt64LE(1n, 32);
    record.writeBigUInt64LE(BigInt(end.readUInt32LE(12)), 40);
    record.writeBigUInt64LE(1n << 60n, 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(body.length), 8);
    locator.writeUInt32LE(1, 16);
    end.writeUInt32LE(0xffffffff, 16);
    const forged = Buffer.concat([body, record, locator, end]);
    await expectRefused({ kind: 'file', path: await writeTempFile('zip64.zip', forged) }, 'truncated');
    await expectRefused({ kind: 'buffer', buffer: forged, name: 'zip64.zip' }, 'truncated');
  });

  it('when the package is an empty file, the reason says the upload did not finish', async () => {
    const text = await expectRefused({ kind: 'file', path: await writeTempFile('empty.zip', '') }, 'empty-file');
    expect(text).toContain('empty');
  });

  it('when a text file was renamed to .zip, it is refused as not a zip', async () => {
    const path = await writeTempFile('release-notes.zip', 'Release notes for dten 5.2\nSet dten.hybrid.enable=true\n');
    await expectRefused({ kind: 'file', path }, 'not-a-zip');
  });

  it('when a download stopped half way, the package is refused as cut short', async () => {
    const zip = await buildYazlZip([{ name: 'bin/dten', content: randomBytes(4096) }]);
    const path = await writeTempFile('partial.zip', zip.subarray(0, Math.floor(zip.length / 2)));
    await expectRefused({ kind: 'file', path }, 'truncated');
  });

  it('when the central directory is damaged, it is refused as corrupt with the parser words kept', async () => {
    const zip = buildRawZip([{ name: 'a.txt', content: 'hello' }]);
    zip.writeUInt32LE(0x01014b50, zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])));
    const refusal = await refusalOf({ kind: 'buffer', buffer: zip, name: 'pkg.zip' });
    expect(refusal.code).toBe('corrupt');
    expect(refusal.params.detail).toContain('invalid central directory file header signature');
  });

  it('when compressed data is garbage, reading it is refused as corrupt, naming the file', async () => {
    const text = await expectRefused(
      raw([{ name: 'lib/core.jar', method: 8, data: Buffer.alloc(64, 0xff), uncompressedSize: 100 }]),
      'corrupt',
    );
    expect(text).toContain('`lib/core.jar`');
  });

  it('when a package holds more entries than allowed, it is refused before any entry is read', async () => {
    const entries = ['a', 'b', 'c', 'd'].map((name) => ({ name, content: name }));
    const text = await expectRefused(raw(entries), 'too-many-entries', { ...DEFAULT_ARCHIVE_LIMITS, maxEntries: 3 });
    expect(text).toContain('4 entries');
  });

  it('when one file would inflate past the per-file limit, it is refused naming the file', async () => {
    const limits = { ...DEFAULT_ARCHIVE_LIMITS, maxEntryBytes: 1000 };
    const text = await expectRefused(
      raw([{ name: 'db/dump.sql', content: randomBytes(2000) }]),
      'entry-too-large',
      limits,
    );
    expect(text).toContain('`db/dump.sql`');
  });

  it('when the files together would inflate past the total limit, the package is refused', async () => {
    const entries = [1, 2, 3].map((n) => ({ name: `part${n}.bin`, content: randomBytes(1500) }));
    await expectRefused(raw(entries), 'total-too-large', { ...DEFAULT_ARCHIVE_LIMITS, maxTotalBytes: 4000 });
  });

  it('when a file declares a compression ratio beyond the limit, it is refused before inflating', async () => {
    const text = await expectRefused(
      raw([{ name: 'zeros.bin', method: 8, content: Buffer.alloc(4 * 1024 ** 2) }]),
      'compression-ratio',
    );
    expect(text).toContain('zip bomb');
  });

  it('when manifest.json is larger than a manifest may be, it is refused', async () => {
    const manifest = JSON.stringify({ name: 'dten', padding: 'x'.repeat(500) });
    await expectRefused(raw([{ name: 'manifest.json', content: manifest }]), 'manifest-too-large', {
      ...DEFAULT_ARCHIVE_LIMITS,
      maxManifestBytes: 100,
    });
  });

  it('when several entries point at the same data (a Fifield overlap bomb), it is refused naming two of them', async () => {
    const kernel: RawZipEntry = { name: 'kernel', method: 8, content: Buffer.alloc(100_000) };
    const copies = [1, 2, 3].map((n) => ({ ...kernel, name: `copy${n}`, sharesLocalHeaderOf: 0 }));
    const text = await expectRefused(raw([kernel, ...copies]), 'overlapping-entries');
    expect(text).toMatch(/`(kernel|copy\d)` shares its bytes with `(kernel|copy\d)`/);
  });

  it('when an entry claims more data than lies before the central directory, it is refused as overlapping', async () => {
    const text = await expectRefused(
      raw([{ name: 'a.txt', method: 8, content: 'hello hello', compressedSize: 40 }]),
      'overlapping-entries',
    );
    expect(text).toContain('central directory');
  });

  it('when a file does not match its recorded CRC-32, reading it is refused', async () => {
    const text = await expectRefused(
      raw([{ name: 'bin/dten-agent', content: 'real bytes', crc32: 0x12345678 }]),
      'crc-mismatch',
    );
    expect(text).toContain('`bin/dten-agent`');
  });

  it('when a stored file declares two different sizes, it is refused at open', async () => {
    await expectRefused(raw([{ name: 'a.txt', content: 'hello', uncompressedSize: 3 }]), 'size-mismatch');
  });

  it('when deflated data inflates to more or fewer bytes than declared, reading it is refused', async () => {
    const content = 'dten '.repeat(200);
    await expectRefused(raw([{ name: 'more.txt', method: 8, content, uncompressedSize: 100 }]), 'size-mismatch');
    await expectRefused(raw([{ name: 'fewer.txt', method: 8, content, uncompressedSize: 5000 }]), 'size-mismatch');
  });

  it.each([
    ['../../etc/cron.d/evil', 'parent'],
    ['/etc/passwd', 'absolute'],
    ['C:/Windows/System32/evil.dll', 'absolute'],
    ['..\\..\\etc\\cron.d\\evil', 'parent'],
  ])('when an entry is named %s, the package is refused as an unsafe path', async (name, reason) => {
    const refusal = await refusalOf(raw([{ name, content: 'x' }]));
    expect(refusal.code).toBe('unsafe-path');
    expect(refusal.params).toMatchObject({ entry: name.replaceAll('\\', '/'), reason });
  });

  it('when a name is stored with backslashes, the package is blocked but still scanned under its slash reading', async () => {
    const archive = await openArchive(raw([{ name: 'scripts\\install.sh', content: 'x' }]), DEFAULT_ARCHIVE_LIMITS);
    expect(archive.entries.map((entry) => entry.name)).toEqual(['scripts/install.sh']);
    expect(archive.hazards).toMatchObject([{ rule: 'archive/backslash-name', severity: 'blocker' }]);
    archive.close();
  });

  it('when a file uses a compression method dten cannot inflate, reading it is refused as unsupported', async () => {
    const text = await expectRefused(raw([{ name: 'legacy.bin', method: 1, content: 'shrunk' }]), 'unsupported');
    expect(text).toContain('compression method: 1');
  });

  it('when an entry uses strong encryption, the package is refused as unsupported', async () => {
    await expectRefused(raw([{ name: 'secret.bin', content: 'x', flags: 0x41 }]), 'unsupported');
  });
});
