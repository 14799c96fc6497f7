import type yauzl from 'yauzl';
import { ArchiveRefusal } from '../core/errors/archive-refusal.js';
import { escapeForDisplay } from '../core/findings/escape-for-display.js';

const LOCAL_HEADER_FIXED_BYTES = 30;

/**
 * Refuses entries whose data share bytes with the next entry or the central directory (Fifield's overlapping
 * zip bombs, and content hidden from one reader but not another). yauzl does not check this.
 */
export function checkOverlappingEntries(
  entries: readonly yauzl.Entry[],
  centralDirectoryOffset: number,
  fileSize: number,
): void {
  const byOffset = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
  byOffset.forEach((entry, index) => {
    const end =
      entry.relativeOffsetOfLocalHeader + LOCAL_HEADER_FIXED_BYTES + entry.fileNameLength + entry.compressedSize;
    const name = escapeForDisplay(entry.fileName);
    if (end > fileSize) {
      const detail = `its ${entry.compressedSize} bytes of data would run past the end of the file`;
      throw new ArchiveRefusal('corrupt', { entry: name, detail });
    }
    const next = byOffset[index + 1];
    if (next !== undefined && end > next.relativeOffsetOfLocalHeader) {
      throw new ArchiveRefusal('overlapping-entries', { entry: name, other: escapeForDisplay(next.fileName) });
    }
    if (end > centralDirectoryOffset) {
      throw new ArchiveRefusal('overlapping-entries', { entry: name });
    }
  });
}
