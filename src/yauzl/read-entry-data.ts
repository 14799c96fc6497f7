import type { Readable } from 'node:stream';
import type yauzl from 'yauzl';
import { escapeForDisplay } from '../core/findings/escape-for-display.js';
import type { ArchiveLimits } from '../preflight/archive.js';
import { countInflatedBytes } from './count-inflated-bytes.js';
import { refusalFromYauzlError } from './refusal-from-yauzl-error.js';

/** Inflates one entry chunk by chunk (memory stays at one chunk), counting bytes and checking CRC-32 at the end. */
export async function* readEntryData(
  zipfile: yauzl.ZipFile,
  entry: yauzl.Entry,
  limits: ArchiveLimits,
): AsyncGenerator<Buffer, void, undefined> {
  if (!zipfile.isOpen) throw new Error(`the archive was closed before ${entry.fileName} was read`);
  const counter = countInflatedBytes(
    {
      name: entry.fileName,
      displayName: escapeForDisplay(entry.fileName),
      compressedSize: entry.compressedSize,
      uncompressedSize: entry.uncompressedSize,
      crc32: entry.crc32,
    },
    limits,
  );
  const stream = await openReadStream(zipfile, entry).catch((error: unknown) => {
    throw refusalFromYauzlError(error, entry.fileName);
  });
  // The iterator below sees every error; this listener only keeps a late one from becoming an uncaught exception.
  stream.on('error', () => undefined);
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  try {
    for (;;) {
      const next = await chunks.next().catch((error: unknown) => {
        throw refusalFromYauzlError(error, entry.fileName);
      });
      if (next.done === true) break;
      counter.add(next.value);
      yield next.value;
    }
    counter.finish();
  } finally {
    await chunks.return?.();
  }
}

function openReadStream(zipfile: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zipfile.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream)));
  });
}
