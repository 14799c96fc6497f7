import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readExampleZip } from './read-example-zip.js';

/** Unpacks a package into `dir`, keeping the unix modes, as an agent would before running its scripts. */
export async function extractExampleZip(file: string, dir: string): Promise<void> {
  for (const entry of await readExampleZip(file)) {
    const target = join(dir, entry.name);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, entry.data);
    await chmod(target, entry.mode);
  }
}
