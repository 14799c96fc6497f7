import { statfs } from 'node:fs/promises';

/** The bytes this process may still write on the filesystem that holds `path` (blocks free to unprivileged users). */
export async function freeDiskBytes(path: string): Promise<number> {
  const disk = await statfs(path);
  return disk.bavail * disk.bsize;
}
