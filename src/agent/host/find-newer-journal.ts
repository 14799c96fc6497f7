import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostLayout } from './host-layout.js';
import { parseJournal, type JournalEntry } from './journal.js';

const JOURNAL = /^(.+)\.jsonl$/;

/**
 * The later rollout that has this host now, if any: its journal began after `rolloutId`'s did, its install got as far
 * as stopping the services (what came before changes nothing a rollback of `rolloutId` would undo), and its own
 * rollback has not put the host back. Judged from what the journals say, not from when their files were last written:
 * a cleanup run again for an older rollout, or a later one rolled back, leaves the host `rolloutId`'s. Undefined when
 * `rolloutId` has no journal here.
 */
export async function findNewerJournal(layout: HostLayout, rolloutId: string): Promise<string | undefined> {
  const own = await readEntries(layout, `${rolloutId}.jsonl`);
  const began = own?.[0]?.at;
  if (began === undefined) return undefined;
  let latest: { id: string; began: string } | undefined;
  for (const name of await readdir(layout.journalDir)) {
    const id = JOURNAL.exec(name)?.[1];
    if (id === undefined || id === rolloutId) continue;
    const entries = (await readEntries(layout, name)) ?? [];
    const start = entries[0]?.at;
    if (start === undefined || start <= began || !holdsHost(entries)) continue;
    if (latest === undefined || start > latest.began) latest = { id, began: start };
  }
  return latest?.id;
}

function holdsHost(entries: readonly JournalEntry[]): boolean {
  const changed = entries.some((entry) => entry.step === 'stop-services');
  const undone = entries.some((entry) => entry.step === 'rollback-start-services' && entry.phase === 'done');
  return changed && !undone;
}

/** A journal's entries, or undefined when it cannot be read (gone, or not a journal dten can parse). */
async function readEntries(layout: HostLayout, name: string): Promise<JournalEntry[] | undefined> {
  const text = await readFile(join(layout.journalDir, name), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return parseJournal(text);
  } catch {
    return undefined;
  }
}
