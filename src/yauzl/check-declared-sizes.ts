import type yauzl from 'yauzl';
import { ArchiveRefusal } from '../core/errors/archive-refusal.js';
import { escapeForDisplay } from '../core/findings/escape-for-display.js';
import { MANIFEST_PATH } from '../core/manifest/manifest-schema.js';
import type { ArchiveLimits } from '../preflight/archive.js';

/** Below this many inflated bytes the ratio is not judged: small runs of zeros compress 1000:1 legitimately. */
export const RATIO_GRACE_BYTES = 1024 ** 2;

/** True when `inflated` bytes from `compressed` bytes exceed the ratio limit (outside the grace size). */
export function exceedsRatio(inflated: number, compressed: number, limits: ArchiveLimits): boolean {
  return inflated > RATIO_GRACE_BYTES && inflated / Math.max(compressed, 1) > limits.maxCompressionRatio;
}

/** Refuses on what the central directory declares, before a byte is inflated; the reader re-checks real counts. */
export function checkDeclaredSizes(entries: readonly yauzl.Entry[], limits: ArchiveLimits): void {
  let total = 0;
  for (const entry of entries) {
    const size = entry.uncompressedSize;
    const name = escapeForDisplay(entry.fileName);
    if (exceedsRatio(size, entry.compressedSize, limits)) {
      const ratio = Math.round(size / Math.max(entry.compressedSize, 1));
      throw new ArchiveRefusal('compression-ratio', { entry: name, ratio, limit: limits.maxCompressionRatio });
    }
    if (size > limits.maxEntryBytes) {
      throw new ArchiveRefusal('entry-too-large', { entry: name, size, limit: limits.maxEntryBytes });
    }
    if (entry.fileName === MANIFEST_PATH && size > limits.maxManifestBytes) {
      throw new ArchiveRefusal('manifest-too-large', { entry: name, size, limit: limits.maxManifestBytes });
    }
    total += size;
  }
  if (total > limits.maxTotalBytes)
    throw new ArchiveRefusal('total-too-large', { size: total, limit: limits.maxTotalBytes });
}
