import type { Finding } from '../core/findings/finding.js';
import type { Manifest } from '../core/manifest/manifest-schema.js';
import type { Policy } from './policy.js';

/** What every detector knows about one file of the package. */
export interface FileMeta {
  /** Display path: nested archives read `outer.zip!inner/path`. Already escaped for display. */
  path: string;
  /** Path inside its own archive (no `!` prefix), for matching against the manifest. */
  name: string;
  /** Uncompressed size in bytes. */
  size: number;
  /** Modification time recorded in the archive. */
  mtime: Date;
  /** Unix permission bits when the producer recorded them. */
  mode: number | undefined;
  /** Nesting depth: 0 for the package itself. */
  depth: number;
}

/** A text file, delivered whole when it fits `limits.maxTextBytes`, else in line-aligned segments. */
export interface TextFile {
  meta: FileMeta;
  text: string;
  /** 1-based line number of the first line of `text` (1 unless the file came in segments). */
  firstLine: number;
  /** True for the first segment of a file (whole-file detectors look only at it). */
  isFirstSegment: boolean;
}

/** A binary file: only its head is kept (magic numbers, headers). */
export interface BinaryFile {
  meta: FileMeta;
  head: Buffer;
}

export interface PreflightOptions {
  /** PEM text of the certificates the organisation trusts (`--trust`, `DTEN_TRUSTED_CA`). */
  trustedCaPem: string[];
  /** host → component → version (`--inventory`). */
  inventory: Record<string, Record<string, string>> | undefined;
  /** Binaries older than the package build by more than this are stale. */
  staleBinaryDays: number;
  /** Host-name suffixes that count as internal (`DTEN_INTERNAL_DOMAINS`). */
  internalDomains: string[];
  /** The planned maintenance window in minutes, when a plan exists, to compare with the vendor's claim. */
  plannedWindowMinutes: number | undefined;
  /** "Now" for validity checks; injected so tests and reports are reproducible. */
  now: Date;
}

export interface ScanContext {
  /** Undefined when the manifest is missing or invalid (that is itself a `manifest` finding). */
  manifest: Manifest | undefined;
  policy: Policy;
  options: PreflightOptions;
}

/**
 * One check of the static preflight. A fresh detector is created per run (`createDetector(ctx)`),
 * so it may keep state across files and report cross-file findings in `finish`.
 */
export interface Detector {
  readonly id: string;
  scanText?(file: TextFile): Finding[];
  scanBinary?(file: BinaryFile): Finding[];
  /** Called once after every file was seen; `files` lists every file of the package (nested ones too). */
  finish?(files: readonly FileMeta[]): Finding[];
}

export type DetectorFactory = (ctx: ScanContext) => Detector | Promise<Detector>;
