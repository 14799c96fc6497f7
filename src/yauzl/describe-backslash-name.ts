import type { ArchiveHazard } from '../preflight/archive.js';
import type { EntryPair } from './classify-entries.js';

const BACKSLASH = 0x5c;

/**
 * A name stored with backslashes lands in different places with different unzip tools, so the package is blocked.
 * The entry is still scanned under its `/` reading (what yauzl and Windows tools use), so nothing hides behind it.
 */
export function describeBackslashName(pair: EntryPair): ArchiveHazard | undefined {
  if (!pair.raw.fileNameRaw.includes(BACKSLASH)) return undefined;
  return {
    entryName: pair.entry.displayName,
    rule: 'archive/backslash-name',
    severity: 'blocker',
    message: `The file name is stored with backslashes: Windows tools unpack it as \`${pair.entry.displayName}\`, other unzip tools as one file whose name contains backslashes, so where it lands depends on the tool.`,
    remediation: 'Ask the vendor to rebuild the package with forward slashes in every name.',
  };
}
