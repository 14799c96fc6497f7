import type { Finding } from '../../src/core/findings/finding.js';
import type { BinaryFile, DetectorFactory, FileMeta, TextFile } from '../../src/preflight/detector.js';
import { fixtureContext, type FixtureRun } from './run-text-detector.js';

export interface FixtureFiles {
  texts?: TextFile[];
  binaries?: BinaryFile[];
  /** Files that reach no scan callback (directories' worth of other content), listed to finish only. */
  others?: FileMeta[];
}

export function metaOf(path: string, size: number, mtime = new Date('2025-01-01T00:00:00Z')): FileMeta {
  return { path, name: path, size, mtime, mode: 0o644, depth: 0 };
}

export function binaryFile(path: string, head: Buffer, mtime?: Date): BinaryFile {
  return { meta: metaOf(path, head.length, mtime), head };
}

/** Runs a detector the way the preflight does: text through scanText, binaries through scanBinary, then finish. */
export async function runDetectorFiles(
  factory: DetectorFactory,
  files: FixtureFiles,
  run: FixtureRun = {},
): Promise<Finding[]> {
  const detector = await factory(fixtureContext(run, new Date()));
  const texts = files.texts ?? [];
  const binaries = files.binaries ?? [];
  const findings = [
    ...texts.flatMap((file) => detector.scanText?.(file) ?? []),
    ...binaries.flatMap((file) => detector.scanBinary?.(file) ?? []),
  ];
  const metas = [...texts.map((file) => file.meta), ...binaries.map((file) => file.meta), ...(files.others ?? [])];
  return [...findings, ...(detector.finish?.(metas) ?? [])];
}
