import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findNewerJournal } from '../../src/agent/host/find-newer-journal.js';
import type { HostLayout } from '../../src/agent/host/host-layout.js';
import type { JournalEntry } from '../../src/agent/host/journal.js';

let journalDir: string;
let layout: HostLayout;
beforeEach(async () => {
  journalDir = join(await mkdtemp(join(tmpdir(), 'dten-journals-')), 'journal');
  await mkdir(journalDir);
  layout = { journalDir } as HostLayout;
});
afterEach(() => rm(join(journalDir, '..'), { recursive: true, force: true }));

/** A journal whose entries are the steps given, a minute apart from `minute`, each started then done. */
async function journal(id: string, minute: number, steps: string[], extra = ''): Promise<void> {
  const entries: JournalEntry[] = steps.flatMap((step, i) => {
    const at = new Date(Date.UTC(2026, 10, 29, 12, minute + i)).toISOString();
    return [
      { step, phase: 'started', at },
      { step, phase: 'done', at },
    ];
  });
  await writeFile(join(journalDir, `${id}.jsonl`), `${entries.map((e) => JSON.stringify(e)).join('\n')}\n${extra}`);
}

const INSTALL = ['read-current', 'preinstall-certificates', 'stop-services', 'backup-config', 'switch-current'];
const ROLLBACK = ['rollback-stop-services', 'rollback-switch-current', 'rollback-config', 'rollback-start-services'];

describe('which later rollout has a host now', () => {
  it('a rollout that began later and got as far as stopping the services, and was not rolled back', async () => {
    await journal('r-first', 0, INSTALL);
    await journal('r-later', 30, INSTALL);
    expect(await findNewerJournal(layout, 'r-first')).toBe('r-later');
    expect(await findNewerJournal(layout, 'r-later')).toBeUndefined();
    expect(await findNewerJournal(layout, 'r-none')).toBeUndefined();
  });

  it('not one whose own rollback put the host back, nor one that stopped before it changed anything', async () => {
    await journal('r-first', 0, INSTALL);
    await journal('r-undone', 30, [...INSTALL, ...ROLLBACK]);
    await journal('r-early', 60, ['read-current', 'preinstall-certificates']);
    expect(await findNewerJournal(layout, 'r-first')).toBeUndefined();
  });

  it('not an older rollout whose file was written since (its cleanup run again), however recent the file', async () => {
    await journal('r-older', 0, INSTALL);
    await journal('r-first', 30, INSTALL);
    // The older rollout's cleanup ran again after r-first: its file is the newest, its rollout is not.
    await journal('r-older', 0, [...INSTALL, 'cleanup-schedules']);
    expect(await findNewerJournal(layout, 'r-first')).toBeUndefined();
  });

  it('the latest of several, and a journal cut short by a crash is read up to its last whole line', async () => {
    await journal('r-first', 0, INSTALL);
    await journal('r-second', 30, INSTALL);
    await journal('r-third', 60, INSTALL, '{"step":"apply-con');
    expect(await findNewerJournal(layout, 'r-first')).toBe('r-third');
  });
});
