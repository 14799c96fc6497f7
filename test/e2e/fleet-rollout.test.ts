import { createHash } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildProgressSnapshot } from '../../src/core/rollout/build-progress-snapshot.js';
import { READY_MIGRATIONS } from '../../src/examples/ready-migrations.js';
import { hostJobId } from '../../src/jobs/job-id.js';
import type { HostJobPayload } from '../../src/jobs/job-payload.js';
import { signJob } from '../../src/jobs/sign-job.js';
import { deriveMigrationLockKey } from '../../src/postgres/migration-lock-key.js';
import { fixtureRef } from '../agent-steps/fixture-packages.js';
import { describeSchema } from '../postgres/postgres-test-schema.js';
import { buildFleetPackages, type FleetPackages } from './build-fleet-packages.js';
import { readHostState } from './read-host-state.js';
import { readJournalSteps } from './read-journal-steps.js';
import { REINDEX_CRON, startRealFleet, type FleetHost, type RealFleet, type RealFleetOptions } from './real-fleet.js';
import { waitUntil } from './wait-until.js';

const FIVE = ['web-1', 'web-2', 'web-3', 'web-4', 'web-5'];
const READY_MIGRATION_COUNT = Object.keys(READY_MIGRATIONS).filter((name) => name.endsWith('.up.sql')).length;

let packages: FleetPackages;
let fleet: RealFleet | undefined;

beforeAll(async () => {
  packages = await buildFleetPackages();
});

afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});

afterAll(async () => {
  await packages?.fixtures.remove();
});

async function start(options: Omit<RealFleetOptions, 'packages'>): Promise<RealFleet> {
  fleet = await startRealFleet({ packages, ...options });
  return fleet;
}

/** The migrations a rollout recorded in the fleet's database, in the order they were applied. */
async function recordedMigrations(f: RealFleet, rolloutId: string): Promise<string[]> {
  const rows = await f.schema.query<{ id: string }>(
    'SELECT id FROM dten_schema_migrations WHERE rollout_id = $1 ORDER BY applied_at, id',
    [rolloutId],
  );
  return rows.map((row) => row.id);
}

/** Waits until the host's journal of the rollout shows `step:phase`; returns the journal. */
function journalReaches(host: FleetHost, rolloutId: string, line: string): Promise<string[]> {
  let seen: string[] = [];
  return waitUntil(
    async () => {
      seen = await readJournalSteps(host.layout, rolloutId);
      return seen.includes(line) ? seen : undefined;
    },
    () => `${host.id}'s journal never showed ${line}: ${seen.join(', ')}`,
  );
}

/** The steps of a journal that were started more than once: what a resumed agent must never do. */
function repeatedSteps(journal: readonly string[]): string[] {
  const started = journal.filter((line) => line.endsWith(':started'));
  return started.filter((line, i) => started.indexOf(line) !== i);
}

async function expectOnOldRelease(host: FleetHost): Promise<void> {
  expect(await readHostState(host.layout)).toEqual({
    current: '4.1.0',
    running: ['dten.service'],
    serving: '4.1.0 as dten.service',
    config: host.seededConfig,
    cron: REINDEX_CRON,
  });
}

async function expectOnNewRelease(host: FleetHost): Promise<void> {
  const state = await readHostState(host.layout);
  expect(state).toMatchObject({
    current: '4.2.0',
    running: ['dten-server.service'],
    serving: '4.2.0 as dten-server.service',
    cron: REINDEX_CRON,
  });
  expect(state.config).toMatch(/^dten\.hybrid\.enable\s*=\s*true$/m);
  expect(state.config).not.toMatch(/dten\.legacy\.mode/);
  expect(host.seededConfig).toMatch(/^dten\.legacy\.mode/m);
}

describe('a rollout of the example package through real agents and a real control plane', () => {
  it('takes five hosts from 4.1.0 to 4.2.0 in a canary and two waves once another person approved, migrating the database once and cleaning up after itself', async () => {
    const f = await start({ hosts: FIVE });
    const rollout = await f.plan();
    await f.waitFor(rollout.id, ['awaiting-approval']);
    expect(await f.decide(rollout, 'U-BOB')).toMatchObject({ ok: true });
    const done = await f.waitFor(rollout.id, ['done', 'failed', 'rolled-back']);

    // Once seen failed in a full run on a loaded machine: the message says how it got there, for next time.
    const how = done.audit.slice(-6).map((entry) => `${entry.event}: ${entry.detail ?? ''}`);
    const hosts = Object.entries(done.hosts).map(
      ([host, progress]) => `${host} ${progress.state} ${progress.reason ?? ''}`,
    );
    expect(done.state, [...how, ...hosts].join('\n')).toBe('done');
    expect(done.audit.find((entry) => entry.event === 'approve')?.actor).toEqual({ kind: 'user', id: 'U-BOB' });
    expect(done.audit.filter((entry) => entry.event === 'wave-started').map((entry) => entry.detail)).toEqual([
      'wave 1 of 3: 1 host(s)',
      'wave 2 of 3: 2 host(s)',
      'wave 3 of 3: 2 host(s)',
    ]);
    expect(buildProgressSnapshot(done, new Date()).counts.healthy).toBe(5);

    // Exactly once for the fleet: one host applied every migration, the others found them recorded.
    const recorded = await recordedMigrations(f, rollout.id);
    expect(recorded).toHaveLength(READY_MIGRATION_COUNT);
    const installs = await Promise.all(FIVE.map((host) => f.jobResult(host, rollout.id, 'install')));
    const applied = installs.flatMap((result) => (result as { appliedMigrations: string[] }).appliedMigrations);
    expect(applied.sort()).toEqual([...recorded].sort());
    for (const result of installs) expect((result as { pausedSchedules: number }).pausedSchedules).toBe(1);

    for (const host of f.hosts) await expectOnNewRelease(host);
    expect(Object.values(done.cleanup ?? {}).map((cleanup) => cleanup.state)).toEqual(Array(5).fill('done'));
    expect(done.audit.at(-1)).toMatchObject({ event: 'cleanup-finished', to: 'done', detail: '5 host(s) cleaned up' });
  }, 180_000);

  it('when one host answers 500 on its health check, stops at max errors 0, rolls back config, data and services on every host it touched, and never reaches the last wave', async () => {
    const f = await start({ hosts: FIVE.slice(0, 4), faulty: ['web-3'] });
    const schemaBefore = await describeSchema(f.schema);
    const rollout = await f.plan();
    await f.waitFor(rollout.id, ['awaiting-approval']);
    expect(await f.decide(rollout, 'U-BOB')).toMatchObject({ ok: true });
    const ended = await f.waitFor(rollout.id, ['done', 'failed', 'rolled-back']);

    expect(ended.state).toBe('rolled-back');
    expect(ended.audit.find((entry) => entry.event === 'threshold-exceeded')?.detail).toBe(
      '1 host(s) failed (web-3), more than max errors 0: rolling back 3 host(s)',
    );
    expect(ended.audit.filter((entry) => entry.event === 'wave-started')).toHaveLength(2);
    expect(ended.audit.at(-1)).toMatchObject({ event: 'rollback-finished', to: 'rolled-back' });
    expect(await f.jobResult('web-3', rollout.id, 'install')).toMatchObject({
      version: '4.2.0',
      health: { healthy: false, detail: expect.stringContaining('fault injected') as unknown },
    });
    for (const id of ['web-1', 'web-2', 'web-3']) {
      expect(ended.hosts[id]).toMatchObject({ state: 'rolled-back', changed: false });
      expect(await f.jobResult(id, rollout.id, 'rollback')).toMatchObject({
        restoredVersion: '4.1.0',
        health: { healthy: true },
      });
    }
    expect(ended.hosts['web-4']).toMatchObject({ state: 'pending', changed: false });
    expect(await readJournalSteps(f.host('web-4').layout, rollout.id)).toEqual([]);
    for (const host of f.hosts) await expectOnOldRelease(host);
    // Data-level: the down migrations ran, so the database is as 4.1.0 left it.
    expect(await recordedMigrations(f, rollout.id)).toEqual([]);
    expect(await describeSchema(f.schema)).toEqual(schemaBefore);
  }, 180_000);

  it("when the canary's agent is killed with kill -9 after migrating and before its install reported, the restarted agent resumes from its journal and the rollout finishes without running a migration twice", async () => {
    // web-1's 4.2.0 fails its health check until the fault file goes: the kill lands while the agent still checks.
    const f = await start({ hosts: ['web-1', 'web-2'], faulty: ['web-1'], agentLockSeconds: 3 });
    const victim = f.host('web-1');
    const rollout = await f.plan();
    await f.waitFor(rollout.id, ['awaiting-approval']);
    expect(await f.decide(rollout, 'U-BOB')).toMatchObject({ ok: true });
    const before = await journalReaches(victim, rollout.id, 'postinstall-script:done');
    await victim.agent.kill9();
    const install = hostJobId({ rolloutId: rollout.id, hostId: 'web-1', attempt: 1 }, 'install');
    expect(await f.queues.queueFor('web-1').getJobState(install)).toBe('active');
    expect(before).toContain('migrations:done');
    await rm(victim.faultFile!);

    await victim.restartAgent();
    const done = await f.waitFor(rollout.id, ['done', 'failed', 'rolled-back']);

    expect(done.state).toBe('done');
    const recorded = await recordedMigrations(f, rollout.id);
    expect(recorded).toHaveLength(READY_MIGRATION_COUNT);
    expect(await f.jobResult('web-1', rollout.id, 'install')).toMatchObject({
      appliedMigrations: recorded,
      health: { healthy: true },
    });
    expect(await f.jobResult('web-2', rollout.id, 'install')).toMatchObject({ appliedMigrations: [] });
    const journal = await readJournalSteps(victim.layout, rollout.id);
    expect(journal.slice(0, before.length)).toEqual(before);
    expect(repeatedSteps(journal)).toEqual([]);
    for (const host of f.hosts) await expectOnNewRelease(host);
  }, 180_000);

  it('when the control plane is killed with kill -9 in the middle of a wave, a restarted dten control takes the rollout over from its recorded state and finishes it', async () => {
    const f = await start({ hosts: ['web-1', 'web-2'], controlProcess: true });
    const rollout = await f.plan({ batch: { kind: 'count', n: 1 }, bakeSeconds: 3 });
    await f.waitFor(rollout.id, ['awaiting-approval']);
    expect(await f.decide(rollout, 'U-BOB')).toMatchObject({ ok: true });
    await waitUntil(
      async () => ((await f.plane.store.get(rollout.id))?.wave?.finished ? true : undefined),
      'the canary wave never finished',
    );
    // Holding the fleet's migration lock keeps web-2's install waiting in its migrations step: the wave stays open.
    const holder = await f.schema.connect();
    try {
      const taken = await holder.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [
        deriveMigrationLockKey(f.schema.name),
      ]);
      expect(taken.rows[0]?.locked).toBe(true);
      expect((await f.plane.store.get(rollout.id))?.wave).toEqual({ index: 0, finished: true });
      await journalReaches(f.host('web-2'), rollout.id, 'migrations:started');
      await f.control!.kill9();
    } finally {
      await holder.end();
    }
    const cut = (await f.plane.store.get(rollout.id))!;
    expect(cut).toMatchObject({ state: 'running', wave: { index: 1, finished: false } });
    expect(cut.hosts['web-2']?.state).toBe('installing');
    // The host finishes while no control plane runs; the next one reads that from the host's queue.
    const install = hostJobId({ rolloutId: rollout.id, hostId: 'web-2', attempt: 1 }, 'install');
    await waitUntil(
      async () => ((await f.queues.queueFor('web-2').getJobState(install)) === 'completed' ? true : undefined),
      'web-2 never finished its install',
    );

    f.startControl();
    const done = await f.waitFor(rollout.id, ['done', 'failed', 'rolled-back']);

    expect(done.state).toBe('done');
    const events = done.audit.slice(cut.audit.length).map((entry) => entry.event);
    expect(events).toEqual(['wave-succeeded', 'verify-ok', 'cleanup-finished']);
    expect(done.audit.filter((entry) => entry.event === 'wave-started')).toHaveLength(2);
    for (const host of f.hosts) {
      expect(repeatedSteps(await readJournalSteps(host.layout, rollout.id))).toEqual([]);
      await expectOnNewRelease(host);
    }
  }, 180_000);

  it("refuses a job signed with another key and a plan whose package digest is not the package's, and the refusal reaches the rollout in the agent's words", async () => {
    const f = await start({ hosts: ['web-1'] });
    const host = f.host('web-1');
    const queue = f.queues.queueFor('web-1');
    const now = Date.now();
    const payload: HostJobPayload = {
      name: 'host-install',
      data: {
        rolloutId: 'forged',
        hostId: 'web-1',
        attempt: 1,
        planDigest: 'c'.repeat(64),
        package: fixtureRef(packages.fixtures.ready),
        window: { start: new Date(now).toISOString(), end: new Date(now + 3_600_000).toISOString() },
        units: [],
        configChanges: [],
        runMigrations: true,
      },
    };
    const forged = signJob(payload, 'a-key-the-control-plane-never-had-'.padEnd(40, 'x'));
    const job = await queue.add(forged.name, forged.data, { jobId: 'forged-web-1-install-1' });
    await waitUntil(
      async () => ((await queue.getJobState(job.id!)) === 'failed' ? true : undefined),
      'the forged job was never refused',
    );
    const refused = (await queue.getJob(job.id!))!;
    expect(refused.failedReason).toBe(
      'Job host-install (forged-web-1-install-1) has a signature that does not match its contents, so it was not run. Either the job was changed after it was signed or it was signed with another DTEN_JOB_KEY (the control plane and every agent must share one); compare the keys before retrying.',
    );
    expect(refused.attemptsMade).toBe(1);
    expect(await readJournalSteps(host.layout, 'forged')).toEqual([]);

    const digest = createHash('sha256').update('a package nobody approved').digest('hex');
    const rollout = await f.plan({ packageDigest: digest });
    const ended = await f.waitFor(rollout.id, ['failed', 'awaiting-approval', 'done']);

    expect(ended.state).toBe('failed');
    const reason = ended.hosts['web-1']?.reason ?? '';
    expect(reason).toMatch(/^preflight: The package \S+ has SHA-256 [0-9a-f]{64}, not the [0-9a-f]{64} the rollout/);
    expect(reason).toContain(`not the ${digest} the rollout was approved for, so nothing was unpacked`);
    expect(buildProgressSnapshot(ended, new Date()).failingHosts).toEqual([{ host: 'web-1', reason }]);
    expect(ended.audit.at(-1)).toMatchObject({ event: 'abort', to: 'failed' });
    expect(ended.audit.at(-1)?.detail).toContain(`web-1: ${reason.slice('preflight: '.length)}`);
    const preflight = hostJobId({ rolloutId: rollout.id, hostId: 'web-1', attempt: 1 }, 'preflight');
    expect((await queue.getJob(preflight))?.attemptsMade).toBe(1);
    expect(await readdir(host.layout.releasesDir)).toEqual(['4.1.0']);
    await expectOnOldRelease(host);
  }, 120_000);
});
