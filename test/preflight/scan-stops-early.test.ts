import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ArchiveRefusal } from '../../src/core/errors/archive-refusal.js';
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from '../../src/preflight/archive.js';
import { writeTempFile } from '../archive/build-yazl-zip.js';
import { buildRawZip } from '../helpers/raw-zip.js';
import { runTestPreflight } from '../messages-chat/run-test-preflight.js';

describe('a scan that stops partway through a package', () => {
  const preflight = async (zip: Buffer, limits: Partial<ArchiveLimits> = {}) =>
    runTestPreflight(await writeTempFile('stops-early.zip', zip), new Date('2026-11-29T12:00:00Z'), [], {
      limits: { ...DEFAULT_ARCHIVE_LIMITS, ...limits },
    }).then(
      () => undefined,
      (error: unknown) => error,
    );

  it('refuses a package whose second file fails its CRC-32 with that file named, after reading the first', async () => {
    const refusal = await preflight(
      buildRawZip([
        { name: 'a.txt', method: 8, content: 'dten.listen.port = 8080\n'.repeat(20_000) },
        { name: 'bin/dten-agent', content: 'real bytes', crc32: 0x12345678 },
        { name: 'c.txt', content: 'fine' },
      ]),
    );
    expect(refusal).toBeInstanceOf(ArchiveRefusal);
    expect(refusal).toMatchObject({ code: 'crc-mismatch', params: { entry: 'bin/dten-agent' } });
  });

  it('stops mid-file at the total size limit (crossed inside a nested archive) without a stream read after its file closed', async () => {
    // Sizes as declared pass the limit; the nested archive's inflated text then crosses it inside a.bin. A scan that
    // read b.bin at that moment (reading ahead, tried on 2026-11-29) left a read queued in yauzl's fd-slicer, which
    // threw from an fs callback once its stream was gone: an uncaught exception that ended the process in 8 of 10 runs.
    const MiB = 1024 ** 2;
    const elf = () => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), randomBytes(12 * MiB)]);
    const inner = buildRawZip([{ name: 'inner.txt', method: 8, content: randomBytes(11 * MiB).toString('hex') }]);
    const zip = buildRawZip([
      { name: 'manifest.json', content: '{}' },
      { name: 'inner.zip', content: inner },
      { name: 'a.bin', method: 8, content: elf() },
      { name: 'b.bin', method: 8, content: elf() },
    ]);
    const uncaught: unknown[] = [];
    const listener = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', listener);
    try {
      for (let run = 0; run < 5; run += 1) {
        expect(await preflight(zip, { maxTotalBytes: inner.length + 27 * MiB })).toMatchObject({
          code: 'total-too-large',
        });
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      process.off('uncaughtException', listener);
    }
    expect(uncaught).toEqual([]);
  });
});
