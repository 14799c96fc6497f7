import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import yauzl from 'yauzl';
import { ArchiveRefusal } from '../core/errors/archive-refusal.js';
import type { ArchiveSource } from '../preflight/archive.js';
import { hashOpenFile } from '../preflight/hash-file.js';
import { FileHandleReader, readFileRange } from './file-handle-reader.js';
import { refusalFromYauzlError } from './refusal-from-yauzl-error.js';

const YAUZL_OPTIONS: yauzl.Options = {
  lazyEntries: true,
  autoClose: false,
  decodeStrings: true,
  // Backslashes become `/` (then `..` and absolute checks apply); describeBackslashName reports them.
  strictFileNames: false,
  validateEntrySizes: true,
};

const LOCAL_HEADER_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Exactly `length` bytes of the package from `position`, from the same open file (or buffer) yauzl reads. */
export type ReadRange = (position: number, length: number) => Promise<Buffer>;

export interface OpenedZipFile {
  zipfile: yauzl.ZipFile;
  readRange: ReadRange;
  /** The package's size in bytes, of the file opened (or the buffer). */
  size: number;
  /** The package's SHA-256 (hex), of that same open file (or buffer). */
  sha256: () => Promise<string>;
}

/**
 * Opens the source with yauzl (never extracting), turning every way that can fail into an ArchiveRefusal. A file is
 * opened once, by dten, and yauzl reads it through that open file: the package checked is the package read, even if
 * its path is replaced meanwhile. The file is closed when the zip file is closed and its last read has finished.
 */
export async function openZipFile(source: ArchiveSource): Promise<OpenedZipFile> {
  if (source.kind === 'buffer') {
    const { buffer } = source;
    if (buffer.length === 0) throw new ArchiveRefusal('empty-file');
    const readRange: ReadRange = (position, length) =>
      position + length > buffer.length
        ? Promise.reject(new Error('unexpected EOF'))
        : Promise.resolve(buffer.subarray(position, position + length));
    const zipfile = await openWithYauzl((done) => yauzl.fromBuffer(buffer, YAUZL_OPTIONS, done), readRange);
    const sha256 = (): Promise<string> => Promise.resolve(createHash('sha256').update(buffer).digest('hex'));
    return { zipfile, readRange, size: buffer.length, sha256 };
  }
  const { handle, size } = await openRegularFile(source.path);
  try {
    if (size === 0) throw new ArchiveRefusal('empty-file');
    const readRange: ReadRange = (position, length) => readFileRange(handle, size, position, length);
    const reader = new FileHandleReader(handle, size);
    const zipfile = await openWithYauzl(
      (done) => yauzl.fromRandomAccessReader(reader, size, YAUZL_OPTIONS, done),
      readRange,
    );
    return { zipfile, readRange, size, sha256: () => hashOpenFile(handle, size) };
  } catch (error) {
    // yauzl never took the file (with autoClose off it does not close it on a failed open): it is ours to close.
    await handle.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Refuses anything but a regular file before opening it (a device may act on being opened), opens it without
 * blocking (a FIFO swapped in meanwhile), and checks again what was opened.
 */
async function openRegularFile(path: string): Promise<{ handle: FileHandle; size: number }> {
  const notRegular = new ArchiveRefusal('not-found', { detail: 'not a regular file' });
  let handle: FileHandle;
  try {
    if (!(await stat(path)).isFile()) throw notRegular;
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw refusalFromYauzlError(error);
  }
  const opened = await handle.stat().catch((error: unknown) => error as Error);
  if (opened instanceof Error || !opened.isFile()) {
    await handle.close().catch(() => undefined);
    throw opened instanceof Error ? refusalFromYauzlError(opened) : notRegular;
  }
  return { handle, size: opened.size };
}

async function openWithYauzl(
  openZip: (done: (error: Error | null, zipfile?: yauzl.ZipFile) => void) => void,
  readRange: ReadRange,
): Promise<yauzl.ZipFile> {
  try {
    return await new Promise<yauzl.ZipFile>((resolve, reject) =>
      openZip((error, zipfile) =>
        error || !zipfile ? reject(error ?? new Error('yauzl returned no zip file')) : resolve(zipfile),
      ),
    );
  } catch (error) {
    const refusal = refusalFromYauzlError(error);
    // A file that begins with a local file header but has no end record was cut short, not mistaken for a zip.
    const cutShort =
      refusal.code === 'not-a-zip' &&
      (await readRange(0, 4).then(
        (head) => head.equals(LOCAL_HEADER_SIGNATURE),
        () => false,
      ));
    throw cutShort ? new ArchiveRefusal('truncated', refusal.params) : refusal;
  }
}
