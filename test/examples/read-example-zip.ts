import { buffer } from 'node:stream/consumers';
import yauzl from 'yauzl';
import { maskSecretsIn } from '../../src/core/findings/mask-secret.js';
import { assemblePlantedSecrets } from '../../src/examples/assemble-planted-secrets.js';

export interface ZipEntryReadBack {
  name: string;
  /** Unix permission bits (file type stripped). */
  mode: number;
  mtime: Date;
  data: Buffer;
}

/** Reads every entry of a zip back the way a consumer would, with yauzl. */
export async function readExampleZip(file: string): Promise<ZipEntryReadBack[]> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  const entries: ZipEntryReadBack[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        zip
          .openReadStreamPromise(entry)
          .then((stream) => buffer(stream))
          .then((data) => {
            const mode = (entry.externalFileAttributes >>> 16) & 0o777;
            entries.push({ name: entry.fileName, mode, mtime: entry.getLastModDate(), data });
            zip.readEntry();
          })
          .catch(reject);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return entries;
}

export function findEntry(entries: readonly ZipEntryReadBack[], name: string): ZipEntryReadBack {
  const entry = entries.find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`${name} is missing from the package`);
  return entry;
}

/** An entry as text with the planted credentials masked, so a failing assertion never prints one. */
export function entryText(entries: readonly ZipEntryReadBack[], name: string): string {
  return maskSecretsIn(findEntry(entries, name).data.toString('utf8'), Object.values(assemblePlantedSecrets()));
}
