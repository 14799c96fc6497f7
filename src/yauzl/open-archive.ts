import type yauzl from 'yauzl';
import type { ArchiveRefusal } from '../core/errors/archive-refusal.js';
import type { ArchiveEntry, ArchiveLimits, OpenArchive, OpenedArchive } from '../preflight/archive.js';
import { checkDeclaredSizes } from './check-declared-sizes.js';
import { checkOverlappingEntries } from './check-overlapping-entries.js';
import { classifyEntries, type EntryPair } from './classify-entries.js';
import { createReadAhead } from './create-read-ahead.js';
import { openZipFile } from './open-zip-file.js';
import { readCentralDirectory } from './read-central-directory.js';
import { readEntryData } from './read-entry-data.js';
import { refusalFromYauzlError } from './refusal-from-yauzl-error.js';
import { toArchiveEntry } from './to-archive-entry.js';

const MAX_LINK_TARGET_BYTES = 4096;

/**
 * The yauzl adapter of the archive port: reads the whole central directory, refuses unsafe structure
 * (sizes, ratios, overlaps, paths) before inflating anything, then inflates entries on demand in any order.
 */
export const openArchive: OpenArchive = async (source, limits) => {
  const { zipfile, readRange, size, sha256 } = await openZipFile(source);
  let lateError: ArchiveRefusal | undefined;
  // yauzl may emit `error` after the central directory was read (a failed close); never let it go uncaught.
  zipfile.on('error', (error: unknown) => {
    lateError ??= refusalFromYauzlError(error);
  });
  try {
    const directory = await readCentralDirectory(zipfile, limits.maxEntries);
    checkDeclaredSizes(directory.entries, limits);
    checkOverlappingEntries(directory.entries, directory.offset, zipfile.fileSize);
    const pairs = directory.entries
      .map((raw) => ({ raw, entry: toArchiveEntry(raw) }))
      .sort((a, b) => a.raw.relativeOffsetOfLocalHeader - b.raw.relativeOffsetOfLocalHeader);
    const { kept, hazards } = await classifyEntries(pairs, (pair) => readLinkTarget(zipfile, pair, limits));
    const rawOf = new Map<ArchiveEntry, yauzl.Entry>(kept.map((pair) => [pair.entry, pair.raw]));
    const readAhead = createReadAhead(
      zipfile,
      readRange,
      kept.map((pair) => pair.raw),
      limits,
    );
    return {
      entries: kept.map((pair) => pair.entry),
      hazards,
      read(entry) {
        const raw = rawOf.get(entry);
        if (raw === undefined) throw new Error(`${entry.displayName} is not an entry of this archive`);
        if (lateError) throw lateError;
        return readAhead.read(raw);
      },
      size,
      sha256: () =>
        sha256().catch((error: unknown) => {
          throw refusalFromYauzlError(error);
        }),
      close() {
        zipfile.close();
      },
    } satisfies OpenedArchive;
  } catch (error) {
    zipfile.close();
    throw error;
  }
};

async function readLinkTarget(
  zipfile: yauzl.ZipFile,
  pair: EntryPair,
  limits: ArchiveLimits,
): Promise<string | undefined> {
  if (pair.raw.uncompressedSize > MAX_LINK_TARGET_BYTES || !pair.raw.canDecodeFileData()) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of readEntryData(zipfile, pair.raw, limits)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
