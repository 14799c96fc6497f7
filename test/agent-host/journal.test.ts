import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHostLayout, type HostLayout } from '../../src/agent/host/host-layout.js';
import { openJournal } from '../../src/agent/host/journal.js';

const roots: string[] = [];
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));
const fixtures = {
  async newHost(): Promise<HostLayout> {
    const root = await mkdtemp(join(tmpdir(), 'dten-journal-'));
    roots.push(root);
    return createHostLayout(root);
  },
};

describe('the host journal of a rollout', () => {
  it('when the agent is restarted, a reopened journal knows which steps are done and what they recorded', async () => {
    const host = await fixtures.newHost();
    const journal = await openJournal(host, 'rollout-7');
    await journal.record('extract', 'started');
    await journal.record('extract', 'done', { version: '4.2.0' });
    await journal.record('switch-current', 'started', { previous: 'releases/4.1.0' });
    const reopened = await openJournal(host, 'rollout-7');
    expect(reopened.hasDone('extract')).toBe(true);
    expect(reopened.lastData('extract')).toEqual({ version: '4.2.0' });
    expect(reopened.hasDone('switch-current')).toBe(false);
    expect(reopened.lastPhase('switch-current')).toBe('started');
    expect(reopened.lastData('switch-current')).toEqual({ previous: 'releases/4.1.0' });
    expect(reopened.hasDone('start-services')).toBe(false);
    const lines = (await readFile(reopened.file, 'utf8')).trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { step: string; phase: string }).phase)).toEqual([
      'started',
      'done',
      'started',
    ]);
  });

  it('when a kill -9 cut the last record short, the torn line is dropped and new records stay readable', async () => {
    const host = await fixtures.newHost();
    const journal = await openJournal(host, 'rollout-8');
    await journal.record('pause-schedules', 'started', [{ kind: 'cron-file', name: 'dten-reindex' }]);
    await appendFile(journal.file, '{"step":"pause-schedules","phase":"do');
    const reopened = await openJournal(host, 'rollout-8');
    expect(reopened.hasDone('pause-schedules')).toBe(false);
    await reopened.record('pause-schedules', 'done', [{ kind: 'cron-file', name: 'dten-reindex' }]);
    const third = await openJournal(host, 'rollout-8');
    expect(third.hasDone('pause-schedules')).toBe(true);
    expect(third.entries()).toHaveLength(2);
  });

  it('when a step is done and later started again, it counts as not done until it finishes again', async () => {
    const host = await fixtures.newHost();
    const journal = await openJournal(host, 'rollout-9');
    await journal.record('health-check', 'done', { healthy: false });
    await journal.record('health-check', 'started');
    expect(journal.hasDone('health-check')).toBe(false);
    expect(journal.lastData('health-check')).toEqual({ healthy: false });
  });

  it('when the rollout id would leave the journal folder, the journal is refused', async () => {
    const host = await fixtures.newHost();
    await expect(openJournal(host, '../escape')).rejects.toMatchObject({ code: 'unsafe-name' });
  });
});
