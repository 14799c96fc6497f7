import { open, stat } from 'node:fs/promises';
import yauzl from 'yauzl';
import { ArchiveRefusal } from '../core/errors/archive-refusal.js';
import type { ArchiveSource } from '../preflight/archive.js';
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

/** Opens the source with yauzl (never extracting), turning every way that can fail into an ArchiveRefusal. */
export async function openZipFile(source: ArchiveSource): Promise<yauzl.ZipFile> {
  if ((await sizeOf(source)) === 0) throw new ArchiveRefusal('empty-file');
  try {
    return await new Promise<yauzl.ZipFile>((resolve, reject) => {
      const done = (error: Error | null, zipfile?: yauzl.ZipFile): void =>
        error || !zipfile ? reject(error ?? new Error('yauzl returned no zip file')) : resolve(zipfile);
      if (source.kind === 'file') yauzl.open(source.path, YAUZL_OPTIONS, done);
      else yauzl.fromBuffer(source.buffer, YAUZL_OPTIONS, done);
    });
  } catch (error) {
    const refusal = refusalFromYauzlError(error);
    const cutShort = refusal.code === 'not-a-zip' && (await startsLikeZip(source).catch(() => false));
    throw cutShort ? new ArchiveRefusal('truncated', refusal.params) : refusal;
  }
}

async function sizeOf(source: ArchiveSource): Promise<number> {
  if (source.kind === 'buffer') return source.buffer.length;
  try {
    const stats = await stat(source.path);
    if (!stats.isFile()) throw new ArchiveRefusal('not-found', { detail: 'not a regular file' });
    return stats.size;
  } catch (error) {
    throw refusalFromYauzlError(error);
  }
}

/** A file that begins with a local file header but has no end record was cut short, not mistaken for a zip. */
async function startsLikeZip(source: ArchiveSource): Promise<boolean> {
  if (source.kind === 'buffer') return source.buffer.subarray(0, 4).equals(LOCAL_HEADER_SIGNATURE);
  const handle = await open(source.path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.equals(LOCAL_HEADER_SIGNATURE);
  } finally {
    await handle.close();
  }
}
