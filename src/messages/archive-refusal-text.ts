import type { ArchiveRefusal, ArchiveRefusalCode } from '../core/errors/archive-refusal.js';
import { formatBytes } from './format-bytes.js';

type Params = ArchiveRefusal['params'];

const FRESH_COPY = 'Get a fresh copy from the vendor and compare its checksum with the one they publish.';
const DO_NOT_EXTRACT = 'Do not unpack it anywhere; ask the vendor for a rebuilt package.';

/** One line per code, written to follow "<package> cannot be read safely: ". Entry names arrive already escaped. */
const TEXT: Record<ArchiveRefusalCode, (p: Params) => string> = {
  'not-found': (p) =>
    `the file could not be opened (${clause(p.detail, 'not found')}). Check the path and that dten may read it.`,
  'empty-file': () => 'the file is empty (0 bytes), so the upload or download did not finish. Fetch the package again.',
  'not-a-zip': () =>
    'it is not a zip archive (no end-of-central-directory record). Check that this is the vendor package and not a renamed document or a saved error page.',
  truncated: (p) => `the file is cut short (${clause(p.detail, 'unexpected end of file')}). ${FRESH_COPY}`,
  corrupt: (p) => `the archive is damaged${about(p)}: ${clause(p.detail, 'its structure is invalid')}. ${FRESH_COPY}`,
  'too-many-entries': (p) =>
    `it holds ${count(p.count)} entries, more than the limit of ${count(p.limit)}. If the vendor confirms this is expected, raise DTEN_MAX_ENTRIES.`,
  'entry-too-large': (p) =>
    `${entry(p)} would inflate to ${bytes(p.size)}, more than the ${bytes(p.limit)} allowed for one file. If the vendor confirms the size, raise DTEN_MAX_ENTRY_BYTES.`,
  'total-too-large': (p) =>
    `its files would inflate to ${p.size === undefined ? 'more than' : `${bytes(p.size)}, more than`} the ${bytes(p.limit)} allowed in total. If the vendor confirms the size, raise DTEN_MAX_TOTAL_BYTES.`,
  'compression-ratio': (p) =>
    `${entry(p)} inflates to ${count(p.ratio)} times its compressed size (limit ${count(p.limit)}), which is how zip bombs work. ${DO_NOT_EXTRACT}`,
  'overlapping-entries': (p) =>
    `${entry(p)} shares its bytes with ${p.other === undefined ? 'the central directory' : `\`${text(p.other, '?')}\``} (overlapping entries, a zip-bomb and hidden-content trick). ${DO_NOT_EXTRACT}`,
  'crc-mismatch': (p) =>
    `${entry(p)} does not match its recorded CRC-32 (recorded ${text(p.expected, '?')}, actual ${text(p.actual, '?')}), so it was damaged or altered. ${FRESH_COPY}`,
  'size-mismatch': (p) =>
    `${entry(p)} is not the size the archive declares (${clause(p.detail, 'size mismatch')}), so it is damaged or built to dodge size checks. ${DO_NOT_EXTRACT}`,
  'unsafe-path': (p) =>
    `${entry(p)} would be written outside the install folder (${UNSAFE_REASON[text(p.reason, '')] ?? clause(p.detail, 'unsafe path')}). Refuse this package and ask the vendor for one with plain relative paths.`,
  'manifest-too-large': (p) =>
    `${entry(p)} is ${bytes(p.size)}, more than the ${bytes(p.limit)} a manifest may be. Check that it is the vendor's manifest; if so, raise DTEN_MAX_MANIFEST_BYTES.`,
  unsupported: (p) =>
    `it uses a zip feature dten cannot read safely${about(p)} (${clause(p.detail, 'unsupported')}). Ask the vendor for a single-part zip using stored or deflated files without strong encryption.`,
};

const UNSAFE_REASON: Readonly<Record<string, string>> = {
  absolute: 'an absolute path',
  parent: 'a path that climbs out with ..',
  backslash: 'a backslash in the name, which Windows treats as a folder separator',
};

/** Turns a refusal into the one line shown on stderr, in Slack and in nested-archive findings. */
export function describeArchiveRefusal(refusal: ArchiveRefusal): string {
  return TEXT[refusal.code](refusal.params);
}

function text(value: string | number | undefined, fallback: string): string {
  return value === undefined || value === '' ? fallback : String(value);
}

/** yauzl's own words end in `.` or `?`; the sentence around them supplies its own punctuation. */
function clause(value: string | number | undefined, fallback: string): string {
  return text(value, fallback).replace(/[.?!\s]+$/, '');
}

function entry(p: Params): string {
  const name = p.entry ?? p.name;
  return name === undefined ? 'a file in it' : `\`${String(name)}\``;
}

function about(p: Params): string {
  return p.entry === undefined ? '' : ` at ${entry(p)}`;
}

function count(value: string | number | undefined): string {
  return typeof value === 'number' ? value.toLocaleString('en-US') : text(value, '?');
}

function bytes(value: string | number | undefined): string {
  return typeof value === 'number' ? formatBytes(value) : text(value, '?');
}
