import type yauzl from 'yauzl';
import { escapeForDisplay } from '../core/findings/escape-for-display.js';
import type { ArchiveEntry } from '../preflight/archive.js';

const FILE_TYPE_MASK = 0o170000;
const SYMLINK_TYPE = 0o120000;

/** Unix producers keep `st_mode` in the high 16 bits of the external attributes; DOS/Windows leave them 0. */
export function unixModeOf(entry: yauzl.Entry): number {
  return entry.externalFileAttributes >>> 16;
}

export function toArchiveEntry(entry: yauzl.Entry): ArchiveEntry {
  const unixMode = unixModeOf(entry);
  return {
    name: entry.fileName,
    displayName: escapeForDisplay(entry.fileName),
    compressedSize: entry.compressedSize,
    uncompressedSize: entry.uncompressedSize,
    mtime: entry.getLastModDate(),
    mode: unixMode === 0 ? undefined : unixMode & 0o7777,
    isDirectory: entry.fileName.endsWith('/'),
    isSymlink: (unixMode & FILE_TYPE_MASK) === SYMLINK_TYPE,
    encrypted: entry.isEncrypted(),
  };
}
