import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** More bytes came than the copy was allowed: the partial file is the caller's to delete. */
export class CopyTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`more than ${maxBytes} bytes`);
    this.name = 'CopyTooLarge';
  }
}

/**
 * Writes `source` to a new file (never over one), hashing on the way; the file is fsynced before it closes. Past
 * `maxBytes` (default: no limit) it stops with `CopyTooLarge`.
 */
export async function copyHashing(
  source: Readable,
  target: string,
  maxBytes = Infinity,
): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  await pipeline(
    source,
    async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        hash.update(chunk);
        bytes += chunk.length;
        if (bytes > maxBytes) throw new CopyTooLarge(maxBytes);
        yield chunk;
      }
    },
    createWriteStream(target, { flags: 'wx', mode: 0o644, flush: true }),
  );
  return { sha256: hash.digest('hex'), bytes };
}
