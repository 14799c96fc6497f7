import type { ArchiveEntry, OpenedArchive } from './archive.js';

/** How many inflated bytes of the next entry may wait while the current one is scanned. */
export const READ_AHEAD_BYTES = 4 * 1024 ** 2;

export interface ReadAhead {
  /** The entry's data: what was read ahead first, then the rest as it inflates. Starts reading the entry after it. */
  read(entry: ArchiveEntry): AsyncIterable<Buffer>;
  /** Stops reading ahead and lets go of the entry it was reading; call before the archive is closed. */
  close(): Promise<void>;
}

interface Pending {
  entry: ArchiveEntry;
  iterator: AsyncIterator<Buffer>;
  chunks: Buffer[];
  bytes: number;
  done: boolean;
  error?: { cause: unknown };
  stopped: boolean;
  pumping: Promise<void>;
}

/**
 * Reads the entry after the one being scanned while the detectors work on the current one, so inflating (zlib runs on
 * libuv's thread pool) and reading from disk overlap with scanning on the main thread instead of waiting for it: about
 * a fifth less time on the preflight benchmark. Entries still reach the detectors one at a time and in order; at most
 * `aheadBytes` wait, and an error of the next entry (a CRC mismatch, a limit crossed) is raised only when that entry is
 * read, as if nothing had been read ahead.
 */
export function createReadAhead(
  archive: OpenedArchive,
  order: readonly ArchiveEntry[],
  aheadBytes = READ_AHEAD_BYTES,
): ReadAhead {
  const after = new Map(order.map((entry, index) => [entry, order[index + 1]]));
  let pending: Pending | undefined;

  const start = (entry: ArchiveEntry): Pending => {
    const ahead: Pending = {
      entry,
      iterator: archive.read(entry)[Symbol.asyncIterator](),
      chunks: [],
      bytes: 0,
      done: false,
      stopped: false,
      pumping: Promise.resolve(),
    };
    ahead.pumping = (async () => {
      try {
        while (!ahead.stopped && ahead.bytes < aheadBytes) {
          const step = await ahead.iterator.next();
          if (step.done === true) {
            ahead.done = true;
            return;
          }
          ahead.chunks.push(step.value);
          ahead.bytes += step.value.length;
        }
      } catch (error) {
        ahead.error = { cause: error };
      }
    })();
    return ahead;
  };

  /** Waits until the pump has put down what it was reading; the entry is then read from where it stopped. */
  const stop = async (ahead: Pending): Promise<void> => {
    ahead.stopped = true;
    await ahead.pumping;
  };
  const release = async (ahead: Pending): Promise<void> => {
    await stop(ahead);
    if (!ahead.done && !ahead.error) await ahead.iterator.return?.();
  };

  async function* drain(ahead: Pending): AsyncGenerator<Buffer, void, undefined> {
    try {
      await stop(ahead);
      for (let chunk = ahead.chunks.shift(); chunk !== undefined; chunk = ahead.chunks.shift()) yield chunk;
      if (ahead.error) throw ahead.error.cause;
      if (ahead.done) return;
      for (;;) {
        const step = await ahead.iterator.next();
        if (step.done === true) {
          ahead.done = true;
          return;
        }
        yield step.value;
      }
    } finally {
      // The reader stopped early (a refusal, a detector's limit): the entry's stream is let go.
      if (!ahead.done && !ahead.error) await ahead.iterator.return?.();
    }
  }

  return {
    read(entry) {
      const ahead = pending?.entry === entry ? pending : start(entry);
      const skipped = pending !== undefined && pending !== ahead ? pending : undefined;
      if (skipped) void release(skipped);
      const next = after.get(entry);
      pending = next === undefined ? undefined : start(next);
      return { [Symbol.asyncIterator]: () => drain(ahead) };
    },
    async close() {
      const left = pending;
      pending = undefined;
      if (left) await release(left);
    },
  };
}
