import type yauzl from 'yauzl';
import type { ArchiveEntry, ArchiveHazard } from '../preflight/archive.js';
import { describeBackslashName } from './describe-backslash-name.js';
import { createNameCollisionFinder } from './create-name-collision-finder.js';
import { describeEncryptedEntry } from './describe-encrypted-entry.js';
import { describeSuspiciousName } from './describe-suspicious-name.js';
import { describeSymlink } from './describe-symlink.js';

export interface EntryPair {
  entry: ArchiveEntry;
  raw: yauzl.Entry;
}

/**
 * Splits entries into those the scan reads and per-entry hazards: a colliding name, an encrypted entry or a
 * symlink is left out of the scan; a suspicious name is only reported. `pairs` must be in local-header order.
 */
export async function classifyEntries(
  pairs: readonly EntryPair[],
  readLinkTarget: (pair: EntryPair) => Promise<string | undefined>,
): Promise<{ kept: EntryPair[]; hazards: ArchiveHazard[] }> {
  const findCollision = createNameCollisionFinder();
  const kept: EntryPair[] = [];
  const hazards: ArchiveHazard[] = [];
  for (const pair of pairs) {
    const suspicious = describeSuspiciousName(pair.entry);
    if (suspicious) hazards.push(suspicious);
    const backslash = describeBackslashName(pair);
    if (backslash) hazards.push(backslash);
    const left = findCollision(pair.entry) ?? (pair.entry.encrypted ? describeEncryptedEntry(pair.entry) : undefined);
    if (left) hazards.push(left);
    else if (pair.entry.isSymlink) hazards.push(describeSymlink(pair.entry, await readLinkTarget(pair)));
    else kept.push(pair);
  }
  return { kept, hazards };
}
