import { basename } from 'node:path';
import { ArchiveRefusal } from '../../src/core/errors/archive-refusal.js';
import { describeArchiveRefusal } from '../../src/messages/archive-refusal-text.js';
import { DEFAULT_ARCHIVE_LIMITS } from '../../src/preflight/archive.js';
import { openArchive } from '../../src/yauzl/open-archive.js';

export interface FailureOutcome {
  refused: boolean;
  /** The refusal carries yauzl's own message (the corpus names each file after it). */
  keptYauzlWords: boolean;
  line: string;
}

/** A malformed zip must be refused, at open or while reading, with one line that says why. */
export async function checkFailureZip(zipPath: string): Promise<FailureOutcome> {
  const file = basename(zipPath);
  try {
    const archive = await openArchive({ kind: 'file', path: zipPath }, DEFAULT_ARCHIVE_LIMITS);
    let bytes = 0;
    try {
      for (const entry of archive.entries) for await (const chunk of archive.read(entry)) bytes += chunk.length;
    } finally {
      archive.close();
    }
    const blocker = archive.hazards.find((hazard) => hazard.severity === 'blocker');
    if (blocker) {
      // The package opens but preflight blocks it: exit 1 with this reason, not exit 2.
      const line = `  blocked  ${file} → [${blocker.rule}] ${blocker.entryName}: ${blocker.message}`;
      return { refused: true, keptYauzlWords: false, line };
    }
    const opened = `${archive.entries.length} entries, ${archive.hazards.length} hazards, ${bytes} bytes inflated`;
    return {
      refused: false,
      keptYauzlWords: false,
      line: `  MISSED   ${file}: opened with ${opened}, read without complaint`,
    };
  } catch (error) {
    if (!(error instanceof ArchiveRefusal)) {
      return { refused: false, keptYauzlWords: false, line: `  CRASHED  ${file}: ${String(error).split('\n')[0]}` };
    }
    const reason = describeArchiveRefusal(error);
    const oneLine = !/[\r\n]/.test(reason);
    const expected = file.replace(/(_\d+)?\.zip$/, '');
    const said = String(error.params.detail ?? '')
      .replace(/[^0-9A-Za-z-]+/g, ' ')
      .trimEnd()
      .slice(0, 139);
    const line = `  ${oneLine ? 'refused' : 'MULTILINE'}  ${file} → [${error.code}] ${reason}`;
    return { refused: oneLine, keptYauzlWords: said === expected, line };
  }
}
