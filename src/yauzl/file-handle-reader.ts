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
  constructor(
    private readonly handle: FileHandle,
    private readonly size: number,
  ) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const outside = rangeProblem(start, end - start, this.size);
    if (outside) {
      const refused = new Readable({ read: () => undefined });
      process.nextTick(() => refused.destroy(outside));
      return refused;
    }
    return new FileRangeStream(this.handle, start, end);
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (error: Error | null, bytesRead?: number) => void,
  ): void {
    const outside = rangeProblem(position, length, this.size);
    if (outside) {
      process.nextTick(() => callback(outside));
      return;
    }
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

/**
 * Why bytes `position` to `position + length` cannot be read from a file of `size` bytes, or undefined. Offsets come
 * from the archive itself (zip64 fields are 64-bit), and a FileHandle read at a position that is not a safe integer
 * silently reads from the file's current position instead: each one is checked before it reaches the file.
 */
export function rangeProblem(position: number, length: number, size: number): Error | undefined {
  const valid = Number.isSafeInteger(position) && Number.isSafeInteger(length) && position >= 0 && length >= 0;
  if (valid && position + length <= size) return undefined;
  return new Error(`unexpected EOF: bytes ${position} to ${position + length} lie outside the file's ${size} bytes`);
}

/** `length` bytes from `position` of an open file, in one read on libuv's pool (more only if the OS returns less). */
export async function readFileRange(
  handle: FileHandle,
  size: number,
  position: number,
  length: number,
): Promise<Buffer> {
  const outside = rangeProblem(position, length, size);
  if (outside) throw outside;
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
