import { basename } from 'node:path';
import { ArchiveRefusal } from '../../src/core/errors/archive-refusal.js';
import { escapeForDisplay } from '../../src/core/findings/escape-for-display.js';
import { describeArchiveRefusal } from '../../src/messages/archive-refusal-text.js';
import { DEFAULT_ARCHIVE_LIMITS, type OpenedArchive } from '../../src/preflight/archive.js';
import { openArchive } from '../../src/yauzl/open-archive.js';
import type { ExpectedContents } from './read-expected-contents.js';

export interface SuccessOutcome {
  opened: boolean;
  /** Every expected name is present with its size (or reported as encrypted where that is allowed), nothing extra. */
  matched: boolean;
  /** Every file was also inflated and compared byte for byte. */
  contentsVerified: boolean;
  line: string;
}

/** A well-formed zip must open; its names and sizes must match the folder of the same name. */
export async function checkSuccessZip(zipPath: string, expected: ExpectedContents): Promise<SuccessOutcome> {
  const file = basename(zipPath);
  let archive: OpenedArchive;
  try {
    archive = await openArchive({ kind: 'file', path: zipPath }, DEFAULT_ARCHIVE_LIMITS);
  } catch (error) {
    const why = error instanceof ArchiveRefusal ? `[${error.code}] ${describeArchiveRefusal(error)}` : String(error);
    return { opened: false, matched: false, contentsVerified: false, line: `  REFUSED  ${file} → ${why}` };
  }
  const problems: string[] = [];
  const notes: string[] = [];
  const unseen = new Map(expected);
  // yauzl's own test reads this zip raw: its expected file holds the compressed bytes of an unknown method.
  const rawSizes = file.startsWith('bogus-compression-method');
  try {
    for (const entry of archive.entries) {
      const key = entry.name.replace(/\/$/, '');
      const want = unseen.get(key);
      unseen.delete(key);
      if (want === undefined) problems.push(`unexpected ${entry.displayName}`);
      else if ((want === 'directory') !== entry.isDirectory) problems.push(`${entry.displayName} has the wrong kind`);
      else if (want !== 'directory' && want.length !== (rawSizes ? entry.compressedSize : entry.uncompressedSize)) {
        problems.push(`${entry.displayName} declares ${entry.uncompressedSize} bytes, expected ${want.length}`);
      } else if (want !== 'directory' && rawSizes) {
        notes.push(
          `${entry.displayName} stored size matches; inflating it is refused: ${await refusalOf(archive, entry)}`,
        );
      } else if (want !== 'directory') {
        const content = await readAll(archive, entry).catch((error: unknown) => error);
        if (content instanceof ArchiveRefusal)
          notes.push(`${entry.displayName} not inflated: ${describeArchiveRefusal(content)}`);
        else if (!(content instanceof Buffer)) problems.push(`${entry.displayName} crashed: ${String(content)}`);
        else if (!content.equals(want)) problems.push(`${entry.displayName} has different contents`);
      }
    }
  } finally {
    archive.close();
  }
  for (const hazard of archive.hazards) {
    const key = [...unseen.keys()].find((name) => escapeForDisplay(name) === hazard.entryName);
    const allowed = hazard.rule === 'archive/encrypted-entry' && file.startsWith('traditional-encryption');
    if (allowed && key !== undefined) unseen.delete(key);
    notes.push(`${hazard.entryName} reported as ${hazard.rule} (${hazard.severity})`);
  }
  problems.push(...[...unseen.keys()].map((name) => `missing ${escapeForDisplay(name)}`));
  const matched = problems.length === 0;
  const shown = problems.length > 4 ? [...problems.slice(0, 3), `and ${problems.length - 3} more`] : problems;
  const summary = matched
    ? `${archive.entries.length} ${archive.entries.length === 1 ? 'entry matches' : 'entries match'}`
    : shown.join('; ');
  const line = `  ${matched ? 'ok' : 'MISMATCH'}  ${file}: ${[summary, ...notes].join('; ')}`;
  return { opened: true, matched, contentsVerified: matched && notes.length === 0, line };
}

async function refusalOf(archive: OpenedArchive, entry: OpenedArchive['entries'][number]): Promise<string> {
  const outcome = await readAll(archive, entry).catch((error: unknown) => error);
  return outcome instanceof ArchiveRefusal ? describeArchiveRefusal(outcome) : 'NOT refused';
}

async function readAll(archive: OpenedArchive, entry: OpenedArchive['entries'][number]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of archive.read(entry)) chunks.push(chunk);
  return Buffer.concat(chunks);
}
