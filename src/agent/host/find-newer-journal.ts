import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostLayout } from './host-layout.js';

const JOURNAL = /^(.+)\.jsonl$/;

/**
 * The rollout whose journal on this host was written after `rolloutId`'s last entry, if any: a later rollout changed
 * the host since. Undefined when `rolloutId` has no journal here.
 */
export async function findNewerJournal(layout: HostLayout, rolloutId: string): Promise<string | undefined> {
  const own = await stat(join(layout.journalDir, `${rolloutId}.jsonl`)).catch(() => undefined);
  if (!own) return undefined;
  let newest: { id: string; at: number } | undefined;
  for (const name of await readdir(layout.journalDir)) {
    const id = JOURNAL.exec(name)?.[1];
    if (id === undefined || id === rolloutId) continue;
    const at = (await stat(join(layout.journalDir, name)).catch(() => undefined))?.mtimeMs ?? 0;
    if (at > own.mtimeMs && (newest === undefined || at > newest.at)) newest = { id, at };
  }
  return newest?.id;
}
