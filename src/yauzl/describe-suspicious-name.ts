import type { ArchiveEntry, ArchiveHazard } from '../preflight/archive.js';

const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** Kinds of character that make a name display differently from what is stored, or render as chat markup. */
const KINDS: readonly [(name: string) => boolean, string][] = [
  [(name) => /\p{Cc}/u.test(name), 'control characters'],
  [(name) => name.replace(BIDI_CONTROLS, '') !== name, 'bidirectional-text controls that can reorder how it reads'],
  [(name) => /[\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u.test(name.replace(BIDI_CONTROLS, '')), 'invisible characters'],
  [(name) => /[<>`]/.test(name), 'chat markup characters (angle brackets or backticks)'],
];

/** A warning for a name that needed escaping beyond ordinary `*`, `_`, `~`, `&`; the entry stays in the scan. */
export function describeSuspiciousName(entry: ArchiveEntry): ArchiveHazard | undefined {
  const found = KINDS.filter(([test]) => test(entry.name)).map(([, kind]) => kind);
  if (found.length === 0) return undefined;
  return {
    entryName: entry.displayName,
    rule: 'archive/suspicious-name',
    severity: 'warning',
    message: `The file name \`${entry.displayName}\` contains ${found.join(' and ')}; it is shown here with them escaped.`,
    remediation:
      'Ask the vendor why the name contains these characters, and rename or remove the file before rolling out.',
  };
}
