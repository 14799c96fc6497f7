/** The archive port: the preflight reads packages through it; `src/yauzl/` is the adapter. */

export interface ArchiveLimits {
  maxEntries: number;
  /** Sum of inflated bytes over the package and every nested archive. */
  maxTotalBytes: number;
  maxEntryBytes: number;
  /** Inflated bytes / compressed bytes, per entry. */
  maxCompressionRatio: number;
  maxManifestBytes: number;
  /** How deep archives inside archives are opened (the package itself is depth 0). */
  maxNestedDepth: number;
  /** Nested archives are read into memory (never to disk): this bounds one. */
  maxNestedBytes: number;
  /** Text longer than this many characters (once decoded, UTF-8 or UTF-16) is scanned in line-aligned segments. */
  maxTextBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 20_000,
  maxTotalBytes: 4 * 1024 ** 3,
  maxEntryBytes: 1024 ** 3,
  maxCompressionRatio: 200,
  maxManifestBytes: 1024 ** 2,
  maxNestedDepth: 3,
  maxNestedBytes: 64 * 1024 ** 2,
  maxTextBytes: 8 * 1024 ** 2,
};

export interface ArchiveEntry {
  /** Name as stored (decoded, `/`-separated). */
  name: string;
  /** Name escaped for display: control characters, bidi overrides and chat markup made visible. */
  displayName: string;
  compressedSize: number;
  /** Declared size; the reader counts the real bytes while inflating. */
  uncompressedSize: number;
  mtime: Date;
  mode: number | undefined;
  isDirectory: boolean;
  isSymlink: boolean;
  encrypted: boolean;
}

/** A per-entry problem that does not stop the scan: reported as an `archive` finding. */
export interface ArchiveHazard {
  entryName: string;
  rule: string;
  severity: 'blocker' | 'warning' | 'info';
  message: string;
  remediation: string;
}

export interface OpenedArchive {
  /** File and directory entries that passed the structural checks, in local-header order. */
  entries: readonly ArchiveEntry[];
  hazards: readonly ArchiveHazard[];
  /** Inflates one entry; counts bytes, enforces the size and ratio limits and checks CRC-32 at the end. */
  read(entry: ArchiveEntry): AsyncIterable<Buffer>;
  /** The package's size in bytes and its SHA-256 (hex), of the same open file its entries are read from. */
  size: number;
  sha256(): Promise<string>;
  close(): void;
}

export type ArchiveSource = { kind: 'file'; path: string } | { kind: 'buffer'; buffer: Buffer; name: string };

export type OpenArchive = (source: ArchiveSource, limits: ArchiveLimits) => Promise<OpenedArchive>;
