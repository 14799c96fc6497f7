import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * The file's SHA-256 (hex). Opened without blocking (a named pipe at the path must not wait for a writer), and only a
 * regular file is read; anything else fails as ENOENT, as a missing file does.
 */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    // A device (a symlink to /dev/zero, say) would be read for ever.
    if (!(await handle.stat()).isFile()) {
      throw Object.assign(new Error(`${path} is not a regular file`), { code: 'ENOENT' });
    }
    for await (const chunk of handle.createReadStream({ highWaterMark: 1024 * 1024, autoClose: false })) {
      hash.update(chunk as Buffer);
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}
