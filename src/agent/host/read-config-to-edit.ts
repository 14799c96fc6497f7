import type { HostLayout } from './host-layout.js';
import { readTextFile, type TextFile } from './read-text-file.js';
import { resolveInside } from './resolve-inside.js';

/** A config file the manifest names, as install finds it: where it lives, where its seed is, and what each holds. */
export interface ConfigToEdit {
  livePath: string;
  /** The release's own copy, which a host without the file is seeded from. */
  seedPath: string;
  /** The live file; undefined when the host does not have it (or it cannot be read). */
  live: TextFile | undefined;
  /** What install edits: the live file, or else the seed; undefined when neither is there. */
  edited: TextFile | undefined;
}

/** Reads a config file the manifest names the way install edits it; per-host preflight judges the same file. */
export async function readConfigToEdit(layout: HostLayout, releaseDir: string, file: string): Promise<ConfigToEdit> {
  const livePath = layout.liveConfigFile(file);
  const seedPath = resolveInside(releaseDir, file, 'config file named in the manifest');
  const live = await readTextFile(livePath).catch(() => undefined);
  const edited = live ?? (await readTextFile(seedPath).catch(() => undefined));
  return { livePath, seedPath, live, edited };
}
