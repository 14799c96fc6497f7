import type yauzl from 'yauzl';
import type { ArchiveLimits } from '../preflight/archive.js';
import { canInflateWhole, inflateWholeEntry } from './inflate-whole-entry.js';
import type { ReadRange } from './open-zip-file.js';
import { readEntryData } from './read-entry-data.js';

/** Entries up to this size (compressed and inflated) are inflated in one piece; larger ones are streamed. */
export const WHOLE_ENTRY_BYTES = 2 * 1024 ** 2;
/** What read-ahead may hold: compressed and declared bytes of the entries read ahead and not yet read. */
export const READ_AHEAD_BYTES = 4 * 1024 ** 2;

/** Entries read ahead at once: enough to keep libuv's four threads busy. */
export const READ_AHEAD_ENTRIES = 8;

export interface ReadAhead {
  read(entry: yauzl.Entry): AsyncGenerator<Buffer, void, undefined>;
}

/**
 * Reads entries for a reader that goes through `entries` in order (the preflight's scan, an agent's extraction): while
 * it works on one entry, the small entries after it are already being inflated on libuv's thread pool, up to
 * READ_AHEAD_BYTES and READ_AHEAD_ENTRIES. A read out of order (the manifest first) starts nothing ahead. Before an entry is streamed, the
 * reads ahead are let finish: a streamed read stopped half way is destroyed, and yauzl's reader must then have no
 * other read queued behind it.
 */
export function createReadAhead(
  zipfile: yauzl.ZipFile,
  readRange: ReadRange,
  entries: readonly yauzl.Entry[],
  limits: ArchiveLimits,
): ReadAhead {
  const indexOf = new Map(entries.map((entry, index) => [entry, index]));
  const isDirectory = (entry: yauzl.Entry): boolean => entry.fileName.endsWith('/');
  // Readers skip directories: the file before each entry, so a read counts as in order across them.
  let lastFile = -1;
  const fileBefore = entries.map((entry, index) => {
    const before = lastFile;
    if (!isDirectory(entry)) lastFile = index;
    return before;
  });
  const ahead = new Map<number, Promise<Buffer>>();
  let aheadBytes = 0;
  let nextToStart = 0;
  let lastRead = -1;
  const whole = (entry: yauzl.Entry): boolean => canInflateWhole(entry, WHOLE_ENTRY_BYTES);
  // Both buffers exist while an entry inflates: an entry declaring 0 bytes may still carry 2 MiB of compressed data.
  const heldBy = (entry: yauzl.Entry): number => entry.compressedSize + entry.uncompressedSize;

  const startFrom = (from: number): void => {
    nextToStart = Math.max(nextToStart, from);
    for (; nextToStart < entries.length; nextToStart += 1) {
      const entry = entries[nextToStart]!;
      if (isDirectory(entry)) continue;
      if (!whole(entry) || aheadBytes + heldBy(entry) > READ_AHEAD_BYTES || ahead.size >= READ_AHEAD_ENTRIES) return;
      const inflated = inflateWholeEntry(zipfile, readRange, entry, limits);
      // Its refusal is the reader's to see when it reaches the entry; until then it must not go unhandled.
      inflated.catch(() => undefined);
      ahead.set(nextToStart, inflated);
      aheadBytes += heldBy(entry);
    }
  };
  const take = (index: number): Promise<Buffer> | undefined => {
    const inflated = ahead.get(index);
    if (inflated === undefined) return undefined;
    ahead.delete(index);
    aheadBytes -= heldBy(entries[index]!);
    return inflated;
  };

  return {
    async *read(entry) {
      const index = indexOf.get(entry);
      if (index === undefined) throw new Error(`${entry.fileName} is not an entry of this archive`);
      if (!zipfile.isOpen) throw new Error(`the archive was closed before ${entry.fileName} was read`);
      // The first file, or the file after the last one read: a reader going through the package.
      const inOrder = fileBefore[index] === -1 || fileBefore[index] === lastRead;
      lastRead = index;
      const inflated = take(index) ?? (whole(entry) ? inflateWholeEntry(zipfile, readRange, entry, limits) : undefined);
      if (inflated) {
        if (inOrder) startFrom(index + 1);
        yield await inflated;
        return;
      }
      // Nothing is started while this one streams; reads ahead never reach past an entry that is streamed.
      await Promise.allSettled(ahead.values());
      yield* readEntryData(zipfile, entry, limits);
    },
  };
}
