import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';

const STREAM_CHUNK_BYTES = 64 * 1024;

/**
 * yauzl's reader over a file dten opened itself, so the central directory, every streamed entry and every entry read
 * in one piece (`readFileRange`) come from the same open file, whatever happens to its path meanwhile. yauzl calls
 * `close` once it holds no stream and the archive was closed; a FileHandle closes only after the reads under way
 * on it have finished, and refuses any read after, so nothing can read a descriptor number reused by another file.
 */
export class FileHandleReader extends yauzl.RandomAccessReader {
  constructor(private readonly handle: FileHandle) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return new FileRangeStream(this.handle, start, end);
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (error: Error | null, bytesRead?: number) => void,
  ): void {
    this.handle.read(buffer, offset, length, position).then(
      ({ bytesRead }) => callback(null, bytesRead),
      (error: unknown) => callback(error as Error),
    );
  }

  override close(callback: (error: Error | null) => void): void {
    this.handle.close().then(
      () => callback(null),
      (error: unknown) => callback(error as Error),
    );
  }
}

/** `length` bytes from `position` of an open file, in one read on libuv's pool (more only if the OS returns less). */
export async function readFileRange(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const bytes = Buffer.allocUnsafe(length);
  for (let filled = 0; filled < length;) {
    const { bytesRead } = await handle.read(bytes, filled, length - filled, position + filled);
    if (bytesRead === 0) throw new Error('unexpected EOF');
    filled += bytesRead;
  }
  return bytes;
}

/** The bytes from `start` to `end` (exclusive); ends early at the end of the file, which yauzl reports. */
class FileRangeStream extends Readable {
  private position: number;

  constructor(
    private readonly handle: FileHandle,
    start: number,
    private readonly end: number,
  ) {
    super({ highWaterMark: STREAM_CHUNK_BYTES });
    this.position = start;
  }

  override _read(size: number): void {
    const length = Math.min(size, this.end - this.position);
    if (length <= 0) {
      this.push(null);
      return;
    }
    const buffer = Buffer.allocUnsafe(length);
    this.handle.read(buffer, 0, length, this.position).then(
      ({ bytesRead }) => {
        if (this.destroyed) return;
        this.position += bytesRead;
        this.push(bytesRead === 0 ? null : buffer.subarray(0, bytesRead));
      },
      (error: unknown) => this.destroy(error as Error),
    );
  }
}
