import type { ArchiveEntry, ArchiveHazard } from '../preflight/archive.js';

/** An encrypted entry cannot be inflated, so nothing in it can be checked. */
export function describeEncryptedEntry(entry: ArchiveEntry): ArchiveHazard {
  return {
    entryName: entry.displayName,
    rule: 'archive/encrypted-entry',
    severity: 'blocker',
    message: `\`${entry.displayName}\` is encrypted, so it cannot be scanned for credentials, schedules, endpoints or anything else.`,
    remediation:
      'Ask the vendor for a package without encrypted files, or check the file by hand and accept archive/encrypted-entry in the policy.',
  };
}
