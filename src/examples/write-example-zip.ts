import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import type { ExampleEntry } from './example-entry.js';

/** Zips `entries` with their mtimes and unix modes, writing to a temporary name first so readers never see half a zip. */
export async function writeExampleZip(
  entries: readonly ExampleEntry[],
  outFile: string,
  defaultMtime: Date,
): Promise<void> {
  await mkdir(dirname(outFile), { recursive: true });
  const zip = new ZipFile();
  for (const entry of entries) {
    zip.addBuffer(Buffer.from(entry.data), entry.name, {
      mtime: entry.mtime ?? defaultMtime,
      mode: entry.executable ? 0o100755 : 0o100644,
    });
  }
  zip.end();
  const partial = `${outFile}.partial-${process.pid}`;
  try {
    await pipeline(zip.outputStream, createWriteStream(partial));
    await rename(partial, outFile);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
