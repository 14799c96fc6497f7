import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createExecServiceAdapter } from '../../src/agent/host/exec-service-adapter.js';
import { createHostLayout, type HostLayout } from '../../src/agent/host/host-layout.js';
import { openJournal } from '../../src/agent/host/journal.js';
import { pauseSchedules } from '../../src/agent/host/pause-schedules.js';
import { restoreSchedules } from '../../src/agent/host/restore-schedules.js';
import type { ServicePort } from '../../src/agent/host/service-port.js';

const REINDEX_CRON = '# nightly reindex\nSHELL=/bin/sh\n30 2 * * * dten /opt/dten/current/bin/dten-helper reindex\n';
const NOON_CRON = '0 12 * * * root /usr/sbin/logrotate /etc/logrotate.conf\n';
const timer = (calendar: string): string =>
  `[Unit]\nDescription=test\n\n[Timer]\n${calendar}\n\n[Install]\nWantedBy=timers.target\n`;
/** Saturday 14 March 2026, 02:00 to 03:00 UTC. */
const WINDOW = { start: new Date('2026-03-14T02:00:00Z'), end: new Date('2026-03-14T03:00:00Z') };

const roots: string[] = [];
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

async function hostWithSchedules(
  timers: Record<string, string> = {},
): Promise<{ host: HostLayout; services: ServicePort }> {
  const root = await mkdtemp(join(tmpdir(), 'dten-schedules-'));
  roots.push(root);
  const host = createHostLayout(root);
  await mkdir(host.cronDir, { recursive: true });
  await mkdir(host.systemdDir, { recursive: true });
  await writeFile(join(host.cronDir, 'dten-reindex'), REINDEX_CRON);
  await writeFile(join(host.cronDir, 'logrotate-noon'), NOON_CRON);
  for (const [name, calendar] of Object.entries({ 'dten-reindex.timer': 'OnCalendar=*-*-* 02:30:00', ...timers })) {
    await writeFile(join(host.systemdDir, name), timer(calendar));
  }
  return { host, services: createExecServiceAdapter({ layout: host, env: {} }) };
}

/** Pauses, for rollout `rolloutId`, what fires in WINDOW read in UTC; the journal comes back for the restore. */
async function pauseInWindow(host: HostLayout, services: ServicePort, rolloutId: string) {
  const journal = await openJournal(host, rolloutId);
  const paused = await pauseSchedules({ layout: host, rolloutId, journal, services, window: WINDOW, timeZone: 'UTC' });
  return { journal, paused };
}

describe('pausing the schedules that would fire inside the window', () => {
  it('when a cron.d file and a timer fire at 02:30, both are paused and journaled, the noon job is left, and cleanup restores exactly them', async () => {
    const { host, services } = await hostWithSchedules({ 'weekly-report.timer': 'OnCalendar=Mon *-*-* 09:00:00' });
    const { paused } = await pauseInWindow(host, services, 'r1');
    expect(paused.map(({ kind, name, firesAt }) => ({ kind, name, firesAt }))).toEqual([
      { kind: 'cron-file', name: 'dten-reindex', firesAt: '2026-03-14T02:30:00.000Z' },
      { kind: 'timer', name: 'dten-reindex.timer', firesAt: '2026-03-14T02:30:00.000Z' },
    ]);
    expect(paused[0]?.description).toBe('"/opt/dten/current/bin/dten-helper reindex" at 02:30, every day');
    expect(await readdir(host.cronDir)).toEqual(['logrotate-noon']);
    expect(await readFile(join(host.pausedDir, 'r1/cron.d/dten-reindex'), 'utf8')).toBe(REINDEX_CRON);
    expect(await services.isActive('dten-reindex.timer')).toBe(false);
    expect(await services.isActive('weekly-report.timer')).toBe(true);
    expect((await openJournal(host, 'r1')).lastData('pause-schedules')).toEqual(paused);

    const restored = await restoreSchedules({
      layout: host,
      rolloutId: 'r1',
      journal: await openJournal(host, 'r1'),
      services,
    });
    expect(restored).toEqual([
      { kind: 'cron-file', name: 'dten-reindex', outcome: 'restored' },
      { kind: 'timer', name: 'dten-reindex.timer', outcome: 'restored' },
    ]);
    expect(await readFile(join(host.cronDir, 'dten-reindex'), 'utf8')).toBe(REINDEX_CRON);
    expect(await services.isActive('dten-reindex.timer')).toBe(true);
  });

  it('when the host runs on Berlin time, 02:30 local is 01:30 UTC: outside a 02:00-03:00 UTC window, inside 01:00-02:00', async () => {
    const { host, services } = await hostWithSchedules();
    const journal = await openJournal(host, 'berlin-late');
    const late = await pauseSchedules({
      layout: host,
      rolloutId: 'berlin-late',
      journal,
      services,
      window: WINDOW,
      timeZone: 'Europe/Berlin',
    });
    expect(late).toEqual([]);
    const early = { start: new Date('2026-03-14T01:00:00Z'), end: new Date('2026-03-14T02:00:00Z') };
    const journal2 = await openJournal(host, 'berlin-early');
    const paused = await pauseSchedules({
      layout: host,
      rolloutId: 'berlin-early',
      journal: journal2,
      services,
      window: early,
      timeZone: 'Europe/Berlin',
    });
    expect(paused.map((item) => [item.name, item.firesAt])).toEqual([
      ['dten-reindex', '2026-03-14T01:30:00.000Z'],
      ['dten-reindex.timer', '2026-03-14T01:30:00.000Z'],
    ]);
  });

  it('when the agent is killed half-way through pausing, the rerun finishes the journaled plan and restore puts both back', async () => {
    const { host, services } = await hostWithSchedules();
    const dying: ServicePort = { ...services, stop: () => Promise.reject(new Error('kill -9')) };
    const options = { layout: host, rolloutId: 'r2', services: dying, window: WINDOW, timeZone: 'UTC' };
    await expect(pauseSchedules({ ...options, journal: await openJournal(host, 'r2') })).rejects.toThrow('kill -9');
    expect(await readdir(host.cronDir)).toEqual(['logrotate-noon']);
    const rerun = await pauseSchedules({ ...options, services, journal: await openJournal(host, 'r2') });
    expect(rerun.map((item) => item.name)).toEqual(['dten-reindex', 'dten-reindex.timer']);
    expect(await services.isActive('dten-reindex.timer')).toBe(false);
    const restored = await restoreSchedules({
      layout: host,
      rolloutId: 'r2',
      journal: await openJournal(host, 'r2'),
      services,
    });
    expect(restored.map((item) => item.outcome)).toEqual(['restored', 'restored']);
    expect((await readdir(host.cronDir)).sort()).toEqual(['dten-reindex', 'logrotate-noon']);
  });

  it('when the new release installed its own cron.d file meanwhile, restore keeps it and says the paused one was superseded', async () => {
    const { host, services } = await hostWithSchedules();
    const { journal } = await pauseInWindow(host, services, 'r3');
    await writeFile(join(host.cronDir, 'dten-reindex'), '45 3 * * * dten reindex --new\n');
    const restored = await restoreSchedules({ layout: host, rolloutId: 'r3', journal, services });
    expect(restored[0]).toEqual({ kind: 'cron-file', name: 'dten-reindex', outcome: 'superseded' });
    expect(await readFile(join(host.cronDir, 'dten-reindex'), 'utf8')).toContain('--new');
    expect(await restoreSchedules({ layout: host, rolloutId: 'r3', journal, services })).toEqual(restored);
  });

  it('a cron job that runs only at start-up is left running, and one whose date never comes (30 February) is paused to be safe', async () => {
    const { host, services } = await hostWithSchedules();
    await writeFile(join(host.cronDir, 'on-boot'), '@reboot root /opt/dten/current/bin/dten-helper warm-cache\n');
    await writeFile(join(host.cronDir, 'month-end'), '0 2 30 2 * root /opt/dten/current/bin/dten-helper close-month\n');
    const { paused } = await pauseInWindow(host, services, 'r5');
    expect(paused.map((item) => [item.name, item.reason])).toEqual([
      ['dten-reindex', 'fires at 2026-03-14T02:30:00.000Z, inside the window'],
      ['month-end', '"0 2 30 2 *" could not be evaluated, so it is paused to be safe'],
      ['dten-reindex.timer', 'fires at 2026-03-14T02:30:00.000Z, inside the window'],
    ]);
    expect((await readdir(host.cronDir)).sort()).toEqual(['logrotate-noon', 'on-boot']);
  });

  it('when etc/cron.d lies on another file system than var/lib/dten, pausing copies the file across and restore brings it back whole', async () => {
    const { host, services } = await hostWithSchedules();
    const elsewhere = await mkdtemp(join('/dev/shm', 'dten-etc-cron.d-'));
    roots.push(elsewhere);
    await writeFile(join(elsewhere, 'dten-reindex'), REINDEX_CRON);
    await rm(host.cronDir, { recursive: true });
    await symlink(elsewhere, host.cronDir);
    await mkdir(host.pausedDir, { recursive: true });
    // The point of the test: a rename between the two fails with EXDEV.
    expect((await stat(elsewhere)).dev).not.toBe((await stat(host.pausedDir)).dev);

    const journal = await openJournal(host, 'r6');
    const options = { layout: host, rolloutId: 'r6', journal, services };
    const paused = await pauseSchedules({ ...options, window: WINDOW, timeZone: 'UTC' });
    expect(paused.map((item) => item.name)).toEqual(['dten-reindex', 'dten-reindex.timer']);
    expect(await readdir(elsewhere)).toEqual([]);
    expect(await readFile(join(host.pausedDir, 'r6/cron.d/dten-reindex'), 'utf8')).toBe(REINDEX_CRON);

    const restored = await restoreSchedules(options);
    expect(restored.map((item) => item.outcome)).toEqual(['restored', 'restored']);
    expect(await readFile(join(elsewhere, 'dten-reindex'), 'utf8')).toBe(REINDEX_CRON);
    expect(await readdir(join(host.pausedDir, 'r6/cron.d'))).toEqual([]);
  });

  it('when timers fire every 15 minutes, repeat on a monotonic clock, or only after boot, the first two are paused and say why', async () => {
    const { host, services } = await hostWithSchedules({
      'quarter.timer': 'OnCalendar=*:0/15',
      'monotonic.timer': 'OnUnitActiveSec=1h',
      'boot.timer': 'OnBootSec=5min',
    });
    await services.stop('dten-reindex.timer');
    const { journal, paused } = await pauseInWindow(host, services, 'r4');
    expect(paused.map((item) => [item.name, item.reason])).toEqual([
      ['dten-reindex', 'fires at 2026-03-14T02:30:00.000Z, inside the window'],
      ['monotonic.timer', 'OnUnitActiveSec repeats on a monotonic clock, so it is paused to be safe'],
      ['quarter.timer', 'fires at 2026-03-14T02:00:00.000Z, inside the window'],
    ]);
    await restoreSchedules({ layout: host, rolloutId: 'r4', journal, services });
    expect(await services.isActive('dten-reindex.timer')).toBe(false);
    expect(await services.isActive('quarter.timer')).toBe(true);
  });
});
