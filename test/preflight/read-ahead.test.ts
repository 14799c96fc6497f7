import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ArchiveRefusal } from '../../src/core/errors/archive-refusal.js';
import {
  DEFAULT_ARCHIVE_LIMITS,
  type ArchiveEntry,
  type ArchiveLimits,
  type OpenedArchive,
} from '../../src/preflight/archive.js';
import { createReadAhead } from '../../src/preflight/read-ahead.js';
import { writeTempFile } from '../archive/build-yazl-zip.js';
import { buildRawZip } from '../helpers/raw-zip.js';
import { runTestPreflight } from '../messages-chat/run-test-preflight.js';

/** What a scripted entry does when read: hands out these chunks, then ends or fails. */
interface Script {
  chunks: string[];
  failWith?: Error;
}

/** An archive whose entries are read from scripts, recording every pull and every stream let go. */
function scriptedArchive(scripts: Record<string, Script>) {
  const pulls: string[] = [];
  const released: string[] = [];
  const entries = Object.keys(scripts).map((name): ArchiveEntry => ({
    name,
    displayName: name,
    compressedSize: 1,
    uncompressedSize: 1,
    mtime: new Date(0),
    mode: undefined,
    isDirectory: false,
    isSymlink: false,
    encrypted: false,
  }));
  const archive: OpenedArchive = {
    entries,
    hazards: [],
    read(entry) {
      const script = scripts[entry.name]!;
      return {
        async *[Symbol.asyncIterator]() {
          try {
            for (const chunk of script.chunks) {
              pulls.push(`${entry.name}:${chunk}`);
              await new Promise((resolve) => setImmediate(resolve));
              yield Buffer.from(chunk);
            }
            if (script.failWith) throw script.failWith;
          } finally {
            released.push(entry.name);
          }
        },
      };
    },
    close: () => undefined,
  };
  return { archive, entries, pulls, released };
}

async function textOf(data: AsyncIterable<Buffer>): Promise<string> {
  let text = '';
  for await (const chunk of data) text += chunk.toString();
  return text;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('reading the next entry ahead while one is scanned', () => {
  it('hands every entry over whole and in order, and starts reading the next one before the current one is read', async () => {
    const { archive, entries, pulls } = scriptedArchive({
      'a.txt': { chunks: ['a1', 'a2'] },
      'b.txt': { chunks: ['b1', 'b2', 'b3'] },
      'c.txt': { chunks: ['c1'] },
    });
    const ahead = createReadAhead(archive, entries);
    const a = ahead.read(entries[0]!);
    await settle();
    // b.txt was read ahead while nobody had asked for a.txt's bytes yet.
    expect(pulls).toContain('b.txt:b1');
    expect(await textOf(a)).toBe('a1a2');
    expect(await textOf(ahead.read(entries[1]!))).toBe('b1b2b3');
    expect(await textOf(ahead.read(entries[2]!))).toBe('c1');
    await ahead.close();
  });

  it('reads no more of the next entry than its budget, and the rest when that entry is read', async () => {
    const { archive, entries, pulls } = scriptedArchive({
      'a.txt': { chunks: ['a'] },
      'big.bin': { chunks: ['1234', '5678', '9abc', 'defg'] },
    });
    const ahead = createReadAhead(archive, entries, 6);
    await textOf(ahead.read(entries[0]!));
    await settle();
    expect(pulls.filter((pull) => pull.startsWith('big.bin'))).toEqual(['big.bin:1234', 'big.bin:5678']);
    expect(await textOf(ahead.read(entries[1]!))).toBe('123456789abcdefg');
    await ahead.close();
  });

  it("raises the next entry's error only when that entry is read, as if nothing had been read ahead", async () => {
    const refusal = new ArchiveRefusal('crc-mismatch', { entry: 'b.txt', expected: '0x1', actual: '0x2' });
    const { archive, entries } = scriptedArchive({
      'a.txt': { chunks: ['a'] },
      'b.txt': { chunks: ['b'], failWith: refusal },
    });
    const ahead = createReadAhead(archive, entries);
    const a = ahead.read(entries[0]!);
    await settle();
    expect(await textOf(a)).toBe('a');
    await expect(textOf(ahead.read(entries[1]!))).rejects.toBe(refusal);
    await ahead.close();
  });

  it('lets go of the entry it was reading ahead when the scan stops early, and of one whose reader stopped midway', async () => {
    const { archive, entries, released } = scriptedArchive({
      'a.txt': { chunks: ['a1', 'a2', 'a3'] },
      'b.txt': { chunks: ['b1', 'b2', 'b3', 'b4'] },
    });
    const ahead = createReadAhead(archive, entries, 2);
    for await (const chunk of ahead.read(entries[0]!)) {
      expect(chunk.toString()).toBe('a1');
      break;
    }
    expect(released).toEqual(['a.txt']);
    await ahead.close();
    expect(released).toEqual(['a.txt', 'b.txt']);
  });
});

describe('the preflight with reading ahead', () => {
  const preflight = async (zip: Buffer, limits: Partial<ArchiveLimits> = {}) =>
    runTestPreflight(await writeTempFile('read-ahead.zip', zip), new Date('2026-11-29T12:00:00Z'), [], {
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

  it('stops at the total size limit in the first file while the second is read ahead, with that refusal and no other', async () => {
    const refusal = await preflight(
      buildRawZip([
        { name: 'a.txt', method: 8, content: randomBytes(1.5 * 1024 ** 2).toString('hex') },
        { name: 'b.txt', method: 8, content: randomBytes(1.5 * 1024 ** 2).toString('hex') },
      ]),
      { maxTotalBytes: 2 * 1024 ** 2 },
    );
    expect(refusal).toMatchObject({ code: 'total-too-large' });
  });
});
