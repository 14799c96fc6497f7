import { crc32 } from 'node:zlib';
import { ArchiveRefusal } from '../core/errors/archive-refusal.js';
import { MANIFEST_PATH } from '../core/manifest/manifest-schema.js';
import type { ArchiveLimits } from '../preflight/archive.js';
import { exceedsRatio } from './check-declared-sizes.js';

/** What the central directory promised about one entry. */
export interface DeclaredEntry {
  name: string;
  displayName: string;
  compressedSize: number;
  uncompressedSize: number;
  crc32: number;
}

export interface InflatedByteCounter {
  /** Counts one inflated chunk; throws as soon as a limit is crossed, before the chunk is used. */
  add(chunk: Buffer): void;
  /** Called at the end of the data: the count must match the declared size and the CRC-32 must match. */
  finish(): void;
}

/** Counts real inflated bytes, because declared sizes lie; yauzl checks neither CRC-32 nor ratios. */
export function countInflatedBytes(declared: DeclaredEntry, limits: ArchiveLimits): InflatedByteCounter {
  let count = 0;
  let crc = 0;
  const entry = declared.displayName;
  return {
    add(chunk) {
      count += chunk.length;
      if (exceedsRatio(count, declared.compressedSize, limits)) {
        const ratio = Math.round(count / Math.max(declared.compressedSize, 1));
        throw new ArchiveRefusal('compression-ratio', { entry, ratio, limit: limits.maxCompressionRatio });
      }
      if (count > limits.maxEntryBytes) {
        throw new ArchiveRefusal('entry-too-large', { entry, size: count, limit: limits.maxEntryBytes });
      }
      if (declared.name === MANIFEST_PATH && count > limits.maxManifestBytes) {
        throw new ArchiveRefusal('manifest-too-large', { entry, size: count, limit: limits.maxManifestBytes });
      }
      if (count > declared.uncompressedSize) {
        const detail = `declared ${declared.uncompressedSize} bytes, inflated at least ${count}`;
        throw new ArchiveRefusal('size-mismatch', { entry, detail });
      }
      crc = crc32(chunk, crc);
    },
    finish() {
      if (count !== declared.uncompressedSize) {
        const detail = `declared ${declared.uncompressedSize} bytes, inflated ${count}`;
        throw new ArchiveRefusal('size-mismatch', { entry, detail });
      }
      if (crc !== declared.crc32) {
        throw new ArchiveRefusal('crc-mismatch', { entry, expected: hex(declared.crc32), actual: hex(crc) });
      }
    },
  };
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}
