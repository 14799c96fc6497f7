import type { ArchiveEntry, ArchiveHazard } from '../preflight/archive.js';

const REMEDIATION =
  'Ask the vendor for a package in which every path appears once, whatever its letter case or Unicode form.';

/**
 * Returns a function that reports an entry whose name repeats an earlier one exactly, in another Unicode
 * normalisation form (NFC/NFD), or in another letter case. The later entry is the one reported (and not scanned).
 */
export function createNameCollisionFinder(): (entry: ArchiveEntry) => ArchiveHazard | undefined {
  const exact = new Map<string, string>();
  const normalised = new Map<string, string>();
  const folded = new Map<string, string>();
  return (entry) => {
    const key = entry.name.replace(/\/$/, '');
    const nfc = key.normalize('NFC');
    const fold = nfc.toLowerCase();
    const name = entry.displayName;
    const hazard = (rule: string, message: string): ArchiveHazard => ({
      entryName: name,
      rule,
      severity: 'blocker',
      message,
      remediation: REMEDIATION,
    });
    const first = exact.get(key) ?? normalised.get(nfc) ?? folded.get(fold);
    if (exact.has(key)) {
      return hazard(
        'archive/duplicate-name',
        `\`${name}\` appears more than once in the package. Only the first copy was scanned, and an installer may keep either one.`,
      );
    }
    if (normalised.has(nfc)) {
      return hazard(
        'archive/unicode-collision',
        `\`${name}\` and \`${first}\` are the same name written in two Unicode forms (NFC and NFD). They look identical, macOS stores them as one file, and the second was not scanned.`,
      );
    }
    if (folded.has(fold)) {
      return hazard(
        'archive/case-collision',
        `\`${name}\` and \`${first}\` differ only in letter case. On Windows or macOS one overwrites the other, and \`${name}\` was not scanned.`,
      );
    }
    exact.set(key, name);
    normalised.set(nfc, name);
    folded.set(fold, name);
    return undefined;
  };
}
