import { mkdir, open, readFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { checkPathSegment } from './check-path-segment.js';
import { fsyncDirectory } from './fsync-directory.js';
import type { HostLayout } from './host-layout.js';

export type JournalPhase = 'started' | 'done';

export interface JournalEntry {
  step: string;
  phase: JournalPhase;
  at: string;
  data?: unknown;
}

/** What a rollout did on this host, kept so a kill -9 at any point resumes without repeating or forgetting. */
export interface Journal {
  readonly file: string;
  /** True when the step's last record is `done`. */
  hasDone(step: string): boolean;
  lastPhase(step: string): JournalPhase | undefined;
  /** Appends one line and fsyncs it before resolving: once it resolves, the record survives a crash. */
  record(step: string, phase: JournalPhase, data?: unknown): Promise<void>;
  /** The data of the step's latest record that carried some. */
  lastData<T = unknown>(step: string): T | undefined;
  entries(): readonly JournalEntry[];
}

/** Opens (or starts) `var/lib/dten/journal/<rolloutId>.jsonl`; a line cut short by a crash is dropped. */
export async function openJournal(
  layout: HostLayout,
  rolloutId: string,
  now = (): Date => new Date(),
): Promise<Journal> {
  const file = join(layout.journalDir, `${checkPathSegment('rollout id', rolloutId)}.jsonl`);
  await mkdir(layout.journalDir, { recursive: true });
  const text = await readFile(file, 'utf8').catch(() => '');
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  if (complete.length !== text.length) await truncate(file, Buffer.byteLength(complete));
  const entries = parseJournal(complete);
  const latest = (step: string, withData = false): JournalEntry | undefined =>
    entries.findLast((entry) => entry.step === step && (!withData || entry.data !== undefined));
  let queue: Promise<void> = Promise.resolve();
  const append = async (entry: JournalEntry): Promise<void> => {
    const isNew = entries.length === 0 && text === '';
    const handle = await open(file, 'a', 0o600);
    try {
      await handle.write(`${JSON.stringify(entry)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (isNew) await fsyncDirectory(layout.journalDir);
    entries.push(entry);
  };
  return {
    file,
    hasDone: (step) => latest(step)?.phase === 'done',
    lastPhase: (step) => latest(step)?.phase,
    record(step, phase, data) {
      const entry: JournalEntry = { step, phase, at: now().toISOString(), ...(data !== undefined && { data }) };
      const appended = queue.then(() => append(entry));
      queue = appended.catch(() => undefined);
      return appended;
    },
    lastData: <T>(step: string) => latest(step, true)?.data as T | undefined,
    entries: () => entries,
  };
}

/** The entries of a journal file's text; a last line without its newline (cut short by a crash) is left out. */
export function parseJournal(text: string): JournalEntry[] {
  return text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as JournalEntry);
}
