import { createWriteStream } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { OpenedArchive } from '../../preflight/archive.js';
import { HostStepError } from './host-step-error.js';
import { resolveInside } from './resolve-inside.js';

/**
 * Permission bits kept from the archive: read and execute for all, write for the owner only. The agent runs release
 * scripts as root, so a group- or world-writable file (or setuid bit) from a zip would let any local user change what
 * root runs next.
 */
const KEPT_BITS = 0o755;

/**
 * Writes every entry of an opened archive under `dir` (which must be empty), keeping its permission bits within
 * KEPT_BITS. Any hazard the reader reported (link, collision, encryption, odd name) refuses the whole
 * archive before a byte is written. Returns how many files were written.
 */
export async function writeArchiveEntries(archive: OpenedArchive, dir: string): Promise<number> {
  const hazard = archive.hazards[0];
  if (hazard) {
    throw new HostStepError('archive-hazard', { entry: hazard.entryName, rule: hazard.rule, detail: hazard.message });
  }
  const directories: [string, number][] = [];
  let files = 0;
  for (const entry of archive.entries) {
    const target = resolveInside(dir, entry.name.replace(/\/$/, ''), 'archive entry');
    if (entry.isDirectory) {
      await mkdir(target, { recursive: true, mode: 0o755 });
      directories.push([target, ((entry.mode ?? 0o755) & KEPT_BITS) | 0o700]);
      continue;
    }
    await mkdir(dirname(target), { recursive: true, mode: 0o755 });
    // `wx` and `flush`: never write through something already there, and reach the disk before the rename.
    await pipeline(
      Readable.from(archive.read(entry)),
      createWriteStream(target, { flags: 'wx', mode: 0o600, flush: true }),
    );
    await chmod(target, (entry.mode ?? 0o644) & KEPT_BITS);
    files += 1;
  }
  for (const [target, mode] of directories.reverse()) await chmod(target, mode);
  return files;
}
