import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * The file's SHA-256 (hex). Opened without blocking (a named pipe at the path must not wait for a writer), and only a
 * regular file is read; anything else fails as ENOENT, as a missing file does.
 */
export async function hashFile(path: string): Promise<string> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = await handle.stat();
    // A device (a symlink to /dev/zero, say) would be read for ever.
    if (!stats.isFile()) throw Object.assign(new Error(`${path} is not a regular file`), { code: 'ENOENT' });
    return await hashOpenFile(handle, stats.size);
  } finally {
    await handle.close();
  }
}

/**
 * The SHA-256 (hex) of the first `size` bytes of a file already open; the handle stays open. A file that has fewer
 * bytes by now (cut short since it was opened) fails with `unexpected EOF`.
 */
export async function hashOpenFile(handle: FileHandle, size: number): Promise<string> {
  const hash = createHash('sha256');
  let read = 0;
  if (size > 0) {
    const chunks = handle.createReadStream({ start: 0, end: size - 1, highWaterMark: 1024 ** 2, autoClose: false });
    for await (const chunk of chunks) {
      hash.update(chunk as Buffer);
      read += (chunk as Buffer).length;
    }
  }
  if (read !== size) throw new Error(`unexpected EOF: the file has ${read} of its ${size} bytes`);
  return hash.digest('hex');
}
