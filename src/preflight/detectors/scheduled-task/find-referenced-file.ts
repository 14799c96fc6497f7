import { posix } from 'node:path';
import type { FileMeta } from '../../detector.js';

/** The script's own folder: batch `%~dp0`, PowerShell `$PSScriptRoot`. */
const SCRIPT_FOLDER = /^(%~dp0|\$PSScriptRoot|\$\{PSScriptRoot\})\/?/i;
/** A drive, a rooted path or another variable: where that is on the host, only the file name can tell. */
const ELSEWHERE = /^([a-z]:|\/|%|\$)/i;

/**
 * The package file a script names (`schtasks /create /xml tasks\backup.xml`), looked for in the script's own
 * archive: relative to the script's folder, then to the package root, and last by file name alone when only one
 * file has that name. Case-insensitive, as Windows paths are. Undefined when none, or more than one, fits.
 */
export function findReferencedFile(
  reference: string,
  script: FileMeta,
  files: readonly FileMeta[],
): FileMeta | undefined {
  const archive = archiveOf(script);
  const siblings = files.filter((file) => archiveOf(file) === archive);
  const written = reference.trim().replace(/\\/g, '/');
  const relative = written.replace(SCRIPT_FOLDER, '');
  const folder = posix.dirname(script.name);
  const places = SCRIPT_FOLDER.test(written)
    ? [posix.join(folder, relative)]
    : ELSEWHERE.test(written)
      ? []
      : [posix.join(folder, relative), posix.normalize(relative)];
  for (const place of places) {
    const found = pickOne(
      siblings.filter((file) => file.name.toLowerCase() === place.toLowerCase()),
      place,
    );
    if (found) return found;
  }
  const name = posix.basename(relative).toLowerCase();
  return pickOne(siblings.filter((file) => posix.basename(file.name).toLowerCase() === name));
}

/** The one file that fits; of several, the one spelled exactly as `exact`, when there is one. */
function pickOne(fitting: readonly FileMeta[], exact?: string): FileMeta | undefined {
  if (fitting.length === 1) return fitting[0];
  return fitting.find((file) => file.name === exact);
}

/** The `outer.zip!` prefix of a file in a nested archive; empty for the package's own files. */
function archiveOf(file: FileMeta): string {
  if (file.depth === 0) return '';
  return file.path.endsWith(file.name)
    ? file.path.slice(0, file.path.length - file.name.length)
    : file.path.slice(0, file.path.lastIndexOf('!') + 1);
}
