import { writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import yazl from 'yazl';

export interface TestPackageFile {
  /** A name ending in `/` is a directory entry (its `content` is ignored). */
  name: string;
  content: string;
  /** Full st_mode, e.g. 0o100755 for a script, 0o120777 for a symbolic link or 0o40555 for a directory. */
  mode?: number;
}

/**
 * A small package zipped with yazl: a valid manifest for `version` (with `manifest` laid over it) plus the given
 * files. Returns its SHA-256.
 */
export async function buildTestPackage(
  file: string,
  version: string,
  files: readonly TestPackageFile[],
  manifest: Record<string, unknown> = {},
): Promise<string> {
  const base = { name: 'dten', version, buildDate: '2026-03-01', upgradeFrom: '>=4.0.0', reboot: 'none' };
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify({ ...base, ...manifest })), 'manifest.json', { mode: 0o100644 });
  for (const entry of files) {
    if (entry.name.endsWith('/')) zip.addEmptyDirectory(entry.name, { mode: entry.mode ?? 0o40755 });
    else zip.addBuffer(Buffer.from(entry.content), entry.name, { mode: entry.mode ?? 0o100644 });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  await writeFile(file, bytes);
  return createHash('sha256').update(bytes).digest('hex');
}
