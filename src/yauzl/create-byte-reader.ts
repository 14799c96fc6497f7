import { open, type FileHandle } from 'node:fs/promises';
import type { ArchiveSource } from '../preflight/archive.js';

export interface ByteReader {
  /** Exactly `length` bytes from `position`, in one read on libuv's thread pool. */
  read(position: number, length: number): Promise<Buffer>;
  /** The file is closed once the reads under way have finished; no read starts after this. */
  close(): void;
}

/**
 * Reads byte ranges of the package outside yauzl's reader, which queues its reads one after another and reads
 * 16 KiB a turn: an entry's compressed bytes come in one read, while the caller works. Opens its own file
 * descriptor on the first read; a file swapped meanwhile fails the entry's CRC-32 check.
 */
export function createByteReader(source: ArchiveSource): ByteReader {
  if (source.kind === 'buffer') {
    return {
      read: (position, length) => {
        if (position + length > source.buffer.length) return Promise.reject(new Error('unexpected EOF'));
        return Promise.resolve(source.buffer.subarray(position, position + length));
      },
      close: () => undefined,
    };
  }
  let handle: Promise<FileHandle> | undefined;
  let reading = 0;
  let closed = false;
  const closeHandle = (): void => void handle?.then((opened) => opened.close()).catch(() => undefined);
  return {
    async read(position, length) {
      if (closed) throw new Error('the archive was closed');
      reading += 1;
      try {
        handle ??= open(source.path, 'r');
        const opened = await handle;
        const bytes = Buffer.allocUnsafe(length);
        for (let filled = 0; filled < length;) {
          const { bytesRead } = await opened.read(bytes, filled, length - filled, position + filled);
          if (bytesRead === 0) throw new Error('unexpected EOF');
          filled += bytesRead;
        }
        return bytes;
      } finally {
        reading -= 1;
        if (closed && reading === 0) closeHandle();
      }
    },
    close() {
      closed = true;
      if (reading === 0) closeHandle();
    },
  };
}
