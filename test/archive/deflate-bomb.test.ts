import { Readable } from 'node:stream';
import { crc32, createDeflateRaw } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ArchiveRefusal } from '../../src/core/errors/archive-refusal.js';
import { DEFAULT_ARCHIVE_LIMITS } from '../../src/preflight/archive.js';
import { openArchive } from '../../src/yauzl/open-archive.js';
import { buildRawZip } from '../helpers/raw-zip.js';
import { writeTempFile } from './build-yazl-zip.js';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

/** Zeros one MiB at a time, so building a bomb never holds more than one chunk. */
function zeros(total: number): Readable {
  const chunk = Buffer.alloc(MiB);
  return Readable.from(
    (function* () {
      for (let sent = 0; sent < total; sent += MiB) yield chunk;
    })(),
  );
}

/** Deflates `total` zeros as a stream: about a thousandth of the size, and the CRC-32 of what it inflates to. */
async function deflateZeros(total: number): Promise<{ data: Buffer; crc: number }> {
  const parts: Buffer[] = [];
  for await (const part of zeros(total).pipe(createDeflateRaw())) parts.push(part as Buffer);
  const chunk = Buffer.alloc(MiB);
  let crc = 0;
  for (let counted = 0; counted < total; counted += MiB) crc = crc32(chunk, crc);
  return { data: Buffer.concat(parts), crc };
}

async function refusalOf(promise: Promise<unknown>): Promise<ArchiveRefusal> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (outcome instanceof ArchiveRefusal) return outcome;
  throw new Error(`expected a refusal, got ${String(outcome)}`);
}

describe('deflate bombs are refused without being inflated', () => {
  let gibOfZeros: { data: Buffer; crc: number } = { data: Buffer.alloc(0), crc: 0 };
  let bombPath = '';

  beforeAll(async () => {
    gibOfZeros = await deflateZeros(GiB);
    const { data, crc } = gibOfZeros;
    const bomb = buildRawZip([{ name: 'data/zeros.img', method: 8, data, crc32: crc, uncompressedSize: GiB }]);
    bombPath = await writeTempFile('Full-upgrade-package-dten.zip', bomb);
  });

  it('when a package inflates to 1 GiB of zeros from about a megabyte, it is refused as a compression bomb at open', async () => {
    const refusal = await refusalOf(openArchive({ kind: 'file', path: bombPath }, DEFAULT_ARCHIVE_LIMITS));
    expect(refusal.code).toBe('compression-ratio');
    expect(refusal.params.entry).toBe('data/zeros.img');
    expect(Number(refusal.params.ratio)).toBeGreaterThan(DEFAULT_ARCHIVE_LIMITS.maxCompressionRatio);
  });

  it('when a bomb lies and declares a tiny size, the reader stops at the declared size and refuses it', async () => {
    const zip = buildRawZip([{ name: 'small.txt', method: 8, data: gibOfZeros.data, uncompressedSize: 1000 }]);
    const archive = await openArchive({ kind: 'buffer', buffer: zip, name: 'pkg.zip' }, DEFAULT_ARCHIVE_LIMITS);
    let delivered = 0;
    const reading = (async () => {
      for (const entry of archive.entries) for await (const chunk of archive.read(entry)) delivered += chunk.length;
    })();
    try {
      expect((await refusalOf(reading)).code).toBe('size-mismatch');
      expect(delivered).toBeLessThanOrEqual(1000);
    } finally {
      archive.close();
    }
  });
});
