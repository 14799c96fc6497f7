import type yauzl from 'yauzl';
import { ArchiveRefusal } from '../core/errors/archive-refusal.js';
import { refusalFromYauzlError } from './refusal-from-yauzl-error.js';

export interface CentralDirectory {
  entries: yauzl.Entry[];
  /** Where the central directory starts: every entry's data must end before it. */
  offset: number;
}

/** Reads every central-directory record before any data is touched; refuses more than `maxEntries`. */
export async function readCentralDirectory(zipfile: yauzl.ZipFile, maxEntries: number): Promise<CentralDirectory> {
  if (zipfile.entryCount > maxEntries) {
    throw new ArchiveRefusal('too-many-entries', { count: zipfile.entryCount, limit: maxEntries });
  }
  // yauzl keeps the central directory offset here until the first readEntry(); its typings call it boolean.
  const cursor = Number((zipfile as unknown as { readEntryCursor: number }).readEntryCursor);
  const offset = Number.isFinite(cursor) ? cursor : zipfile.fileSize;
  const entries: yauzl.Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    const onEntry = (entry: yauzl.Entry): void => {
      entries.push(entry);
      zipfile.readEntry();
    };
    const onError = (error: unknown): void => {
      stop();
      reject(refusalFromYauzlError(error));
    };
    const onEnd = (): void => {
      stop();
      resolve();
    };
    const stop = (): void => {
      zipfile.off('entry', onEntry).off('error', onError).off('end', onEnd);
    };
    zipfile.on('entry', onEntry).on('error', onError).on('end', onEnd);
    zipfile.readEntry();
  });
  return { entries, offset };
}
