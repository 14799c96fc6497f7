import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';
import type yauzl from 'yauzl';
import { ArchiveRefusal } from '../core/errors/archive-refusal.js';
import { escapeForDisplay } from '../core/findings/escape-for-display.js';
import type { ArchiveLimits } from '../preflight/archive.js';
import { countInflatedBytes } from './count-inflated-bytes.js';
import type { ReadRange } from './open-zip-file.js';
import { refusalFromYauzlError } from './refusal-from-yauzl-error.js';

const inflateRawAsync = promisify(inflateRaw);

const STORED = 0;
const DEFLATED = 8;

/** Whether `inflateWholeEntry` can read this entry: stored or deflated, not encrypted, both sizes at most `maxBytes`. */
export function canInflateWhole(entry: yauzl.Entry, maxBytes: number): boolean {
  return (
    (entry.compressionMethod === STORED || entry.compressionMethod === DEFLATED) &&
    !entry.isEncrypted() &&
    entry.compressedSize <= maxBytes &&
    entry.uncompressedSize <= maxBytes
  );
}

/**
 * Reads an entry's compressed bytes and inflates them in one piece on libuv's thread pool, never to more than its
 * declared size; then counts and checks them as a streamed read does (limits, size, CRC-32). The event loop takes one
 * turn per entry instead of one per 16 KiB, so inflating can go on while the caller scans what came before.
 */
export async function inflateWholeEntry(
  zipfile: yauzl.ZipFile,
  readRange: ReadRange,
  entry: yauzl.Entry,
  limits: ArchiveLimits,
): Promise<Buffer> {
  const displayName = escapeForDisplay(entry.fileName);
  const closed = (): Error => new Error(`the archive was closed before ${entry.fileName} was read`);
  if (!zipfile.isOpen) throw closed();
  let data: Buffer;
  try {
    const compressed = await readRaw(zipfile, entry, readRange);
    data =
      entry.compressionMethod === DEFLATED
        ? await inflateRawAsync(compressed, {
            maxOutputLength: Math.max(entry.uncompressedSize, 1),
            chunkSize: entry.uncompressedSize + 64,
          })
        : compressed;
  } catch (error) {
    // Closed by its owner meanwhile: a mistake of the caller's, not a damaged package.
    if (!zipfile.isOpen) throw closed();
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      const detail = `declared ${entry.uncompressedSize} bytes, inflated more than that`;
      throw new ArchiveRefusal('size-mismatch', { entry: displayName, detail });
    }
    throw refusalFromYauzlError(error, entry.fileName);
  }
  const counter = countInflatedBytes({ ...entry, name: entry.fileName, displayName, crc32: entry.crc32 }, limits);
  counter.add(data);
  counter.finish();
  return data;
}

async function readRaw(zipfile: yauzl.ZipFile, entry: yauzl.Entry, readRange: ReadRange): Promise<Buffer> {
  // yauzl finds where the data starts (after the local header's own name and extra field) and checks its bounds.
  const { fileDataStart } = await zipfile.readLocalFileHeaderPromise(entry, { minimal: true });
  return readRange(fileDataStart, entry.compressedSize);
}
