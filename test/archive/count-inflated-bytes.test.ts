import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ArchiveRefusal } from '../../src/core/errors/archive-refusal.js';
import { DEFAULT_ARCHIVE_LIMITS } from '../../src/preflight/archive.js';
import { countInflatedBytes, type DeclaredEntry } from '../../src/yauzl/count-inflated-bytes.js';

const MiB = 1024 ** 2;

function refusalOf(work: () => void): ArchiveRefusal {
  try {
    work();
  } catch (error) {
    if (error instanceof ArchiveRefusal) return error;
    throw error;
  }
  throw new Error('nothing was refused');
}

const declared = (overrides: Partial<DeclaredEntry>): DeclaredEntry => ({
  name: 'data.bin',
  displayName: 'data.bin',
  compressedSize: 10_000,
  uncompressedSize: 10_000,
  crc32: 0,
  ...overrides,
});

describe('counting inflated bytes, because declared sizes lie', () => {
  it('when the real bytes outrun the compressed size past the ratio limit, counting stops with compression-ratio even though the declared size looked harmless', () => {
    const counter = countInflatedBytes(
      declared({ compressedSize: 4096, uncompressedSize: 100 }),
      DEFAULT_ARCHIVE_LIMITS,
    );
    const refusal = refusalOf(() => counter.add(Buffer.alloc(2 * MiB)));
    expect(refusal.code).toBe('compression-ratio');
    expect(refusal.params).toMatchObject({ entry: 'data.bin', ratio: 512 });
  });

  it('when the real bytes pass the per-file limit, counting stops with entry-too-large', () => {
    const limits = { ...DEFAULT_ARCHIVE_LIMITS, maxEntryBytes: 1000 };
    const counter = countInflatedBytes(declared({ uncompressedSize: 500 }), limits);
    expect(refusalOf(() => counter.add(Buffer.alloc(1500))).code).toBe('entry-too-large');
  });

  it('when manifest.json grows past the manifest limit while inflating, counting stops with manifest-too-large', () => {
    const limits = { ...DEFAULT_ARCHIVE_LIMITS, maxManifestBytes: 100 };
    const counter = countInflatedBytes(declared({ name: 'manifest.json', uncompressedSize: 50 }), limits);
    expect(refusalOf(() => counter.add(Buffer.alloc(200))).code).toBe('manifest-too-large');
  });

  it('when the data ends short of the declared size, finishing reports a size mismatch', () => {
    const counter = countInflatedBytes(declared({ uncompressedSize: 10 }), DEFAULT_ARCHIVE_LIMITS);
    counter.add(Buffer.from('12345'));
    expect(refusalOf(() => counter.finish()).code).toBe('size-mismatch');
  });

  it('when the bytes differ from the recorded CRC-32, finishing reports both checksums', () => {
    const counter = countInflatedBytes(declared({ uncompressedSize: 5, crc32: 0xdeadbeef }), DEFAULT_ARCHIVE_LIMITS);
    counter.add(Buffer.from('hello'));
    const refusal = refusalOf(() => counter.finish());
    expect(refusal.code).toBe('crc-mismatch');
    expect(refusal.params).toMatchObject({
      expected: '0xdeadbeef',
      actual: `0x${crc32('hello').toString(16).padStart(8, '0')}`,
    });
  });

  it('when the bytes arrive in several chunks and match, finishing accepts them', () => {
    const counter = countInflatedBytes(
      declared({ uncompressedSize: 10, crc32: crc32('hello world'.slice(0, 10)) }),
      DEFAULT_ARCHIVE_LIMITS,
    );
    counter.add(Buffer.from('hello'));
    counter.add(Buffer.from(' worl'));
    expect(() => counter.finish()).not.toThrow();
  });
});
