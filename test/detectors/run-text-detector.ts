import type { Finding } from '../../src/core/findings/finding.js';
import type { Manifest } from '../../src/core/manifest/manifest-schema.js';
import type {
  DetectorFactory,
  FileMeta,
  PreflightOptions,
  ScanContext,
  TextFile,
} from '../../src/preflight/detector.js';
import { DEFAULT_POLICY, type Policy } from '../../src/preflight/policy.js';

export interface FixtureRun {
  manifest?: Manifest;
  policy?: Policy;
  options?: Partial<PreflightOptions>;
  /** Paths of files the package holds but that are not text (or not delivered as text). */
  binaries?: string[];
}

/** The scan context a detector gets in a test: the default policy and options unless the test says otherwise. */
export function fixtureContext(run: FixtureRun, now: Date): ScanContext {
  return {
    manifest: run.manifest,
    policy: run.policy ?? DEFAULT_POLICY,
    options: {
      trustedCaPem: [],
      inventory: undefined,
      staleBinaryDays: 365,
      internalDomains: [],
      plannedWindowMinutes: undefined,
      now,
      ...run.options,
    },
  };
}

export function fileMeta(path: string, size = 0): FileMeta {
  return { path, name: path, size, mtime: new Date('2025-01-01T00:00:00Z'), mode: 0o644, depth: 0 };
}

export function textFile(path: string, text: string, firstLine = 1): TextFile {
  return { meta: fileMeta(path, Buffer.byteLength(text)), text, firstLine, isFirstSegment: firstLine === 1 };
}

/** Runs a detector over text files the way the preflight does: every file through scanText, then finish. */
export async function runTextDetector(
  factory: DetectorFactory,
  files: Record<string, string> | TextFile[],
  run: FixtureRun = {},
): Promise<Finding[]> {
  const texts = Array.isArray(files) ? files : Object.entries(files).map(([path, text]) => textFile(path, text));
  const detector = await factory(fixtureContext(run, new Date('2025-06-01T00:00:00Z')));
  const findings = texts.flatMap((file) => detector.scanText?.(file) ?? []);
  const metas = [...new Map(texts.map((file) => [file.meta.path, file.meta])).values()];
  return [...findings, ...(detector.finish?.([...metas, ...(run.binaries ?? []).map((path) => fileMeta(path))]) ?? [])];
}
