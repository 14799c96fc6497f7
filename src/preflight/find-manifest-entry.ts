import { MANIFEST_PATH } from '../core/manifest/manifest-schema.js';
import type { ArchiveEntry } from './archive.js';

/** The manifest sits at the root, or inside a single top-level folder (`dten-4.2.0/manifest.json`). */
export function findManifestEntry(entries: readonly ArchiveEntry[]): { entry: ArchiveEntry; root: string } | undefined {
  const atRoot = entries.find((entry) => entry.name === MANIFEST_PATH);
  if (atRoot) return { entry: atRoot, root: '' };
  const tops = new Set(entries.map((entry) => entry.name.split('/')[0]));
  if (tops.size !== 1) return undefined;
  const root = `${[...tops][0]}/`;
  const nested = entries.find((entry) => entry.name === root + MANIFEST_PATH);
  return nested ? { entry: nested, root } : undefined;
}
