import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostLayout } from '../../src/agent/host/host-layout.js';
import { pausedCronFile } from '../../src/agent/host/paused-cron-file.js';
import { cleanupOnHost } from '../../src/agent/steps/cleanup-on-host.js';
import type { HostStepContext, PackageRef } from '../../src/agent/steps/host-step-context.js';
import { installOnHost } from '../../src/agent/steps/install-on-host.js';
import { preflightOnHost } from '../../src/agent/steps/preflight-on-host.js';
import { readCurrentLink } from '../../src/agent/host/read-current-link.js';
import { HostStepError } from '../../src/agent/host/host-step-error.js';
import { rollbackOnHost } from '../../src/agent/steps/rollback-on-host.js';
import { describeHostStepError } from '../../src/messages/host-step-error-text.js';
import type { ExamplePackageInfo } from '../../src/examples/build-example-package.js';
import { createTestHostContext } from './create-test-host-context.js';
import { issueTestCertificate } from '../detectors/issue-test-certificate.js';
import { fetchFixturePackage, fixtureRef } from './fixture-packages.js';
import { buildHostFixtures, type HostFixtures } from '../agent-host/build-host-fixtures.js';
import { buildTestPackage } from '../agent-host/build-test-package.js';
import { createTestSchema, testConnectionString, type TestSchema } from '../postgres/postgres-test-schema.js';

const REINDEX_CRON = '30 2 * * * root /opt/dten/current/bin/dten-helper reindex\n';
const WINDOW = { start: '2026-03-14T02:00:00.000Z', durationMinutes: 60 };

let fixtures: HostFixtures;
let schema: TestSchema;
const hosts: { stopAll(): Promise<void> }[] = [];

const ref = (info: ExamplePackageInfo): PackageRef => fixtureRef(info);

async function newHost(database: TestSchema = schema): Promise<{ layout: HostLayout; ctx: HostStepContext }> {
  const layout = await fixtures.newHost();
  const host = await createTestHostContext(layout, {
    database: { connectionString: testConnectionString(), schema: database.name },
    fetchPackage: fetchFixturePackage(fixtures),
  });
  hosts.push(host);
  await mkdir(layout.cronDir, { recursive: true });
  await writeFile(join(layout.cronDir, 'dten-reindex'), REINDEX_CRON);
  return { layout, ctx: host.ctx };
}

/** Production before the story: 4.1.0 installed and cleaned up, so its schedules run again. */
async function seedPrevious(ctx: HostStepContext) {
  const seeded = await installOnHost(ctx, {
    rolloutId: 'seed',
    package: ref(fixtures.previous),
    window: WINDOW,
    runMigrations: true,
  });
  await cleanupOnHost(ctx, { rolloutId: 'seed', package: ref(fixtures.previous), attempt: 1 });
  return seeded;
}

let installReady: { package: PackageRef; window: typeof WINDOW; runMigrations: boolean };

beforeAll(async () => {
  [fixtures, schema] = await Promise.all([buildHostFixtures(), createTestSchema()]);
  installReady = { package: ref(fixtures.ready), window: WINDOW, runMigrations: true };
});

afterAll(async () => {
  for (const host of hosts) await host.stopAll();
  await schema?.drop();
  await fixtures?.remove();
});

describe('a host taken from 4.1.0 to 4.2.0 and back, as the agent does it', () => {
  it('installs, survives a redelivered job without repeating anything, rolls back config and data, and the old service answers again', async () => {
    const { layout, ctx } = await newHost();
    const seeded = await seedPrevious(ctx);
    expect(seeded).toMatchObject({ version: '4.1.0', previousVersion: undefined, health: { healthy: true } });

    const installed = await installOnHost(ctx, { rolloutId: 'r1', ...installReady });
    expect(installed).toMatchObject({ version: '4.2.0', previousVersion: '4.1.0', health: { healthy: true } });
    expect(installed.appliedMigrations.length).toBeGreaterThan(0);
    expect(installed.pausedSchedules).toBeGreaterThanOrEqual(1);
    expect(await readdir(layout.cronDir)).not.toContain('dten-reindex');
    const config = await readFile(join(layout.configDir, 'dten.conf'), 'utf8');
    expect(config).toMatch(/^dten\.hybrid\.enable\s*=\s*true$/m);
    expect(config).not.toMatch(/^dten\.legacy\.mode/m);
    expect(await ctx.services.isActive('dten-server.service')).toBe(true);
    expect(await ctx.services.isActive('dten.service')).toBe(false);

    const again = await installOnHost(ctx, { rolloutId: 'r1', ...installReady });
    expect(again.appliedMigrations).toEqual(installed.appliedMigrations);
    const records = await schema.query<{ id: string }>('SELECT id FROM dten_schema_migrations WHERE rollout_id = $1', [
      'r1',
    ]);
    expect(records.map((row) => row.id).sort()).toEqual([...installed.appliedMigrations].sort());

    const rolledBack = await rollbackOnHost(ctx, { rolloutId: 'r1', package: ref(fixtures.ready) });
    expect(rolledBack).toMatchObject({ restoredVersion: '4.1.0', health: { healthy: true } });
    expect([...rolledBack.rolledBackMigrations].sort()).toEqual([...installed.appliedMigrations].sort());
    expect(await schema.query('SELECT id FROM dten_schema_migrations WHERE rollout_id = $1', ['r1'])).toEqual([]);
    expect(await readFile(join(layout.configDir, 'dten.conf'), 'utf8')).toMatch(/^dten\.legacy\.mode\s*=\s*true$/m);
    expect(await ctx.services.isActive('dten.service')).toBe(true);
    expect(await ctx.services.isActive('dten-server.service')).toBe(false);
    expect(await readFile(join(layout.cronDir, 'dten-reindex'), 'utf8')).toBe(REINDEX_CRON);
  });

  it('a host going back alone keeps the migrated data for the host on 4.2.0; asked again, it undoes the data only', async () => {
    const fleet = await createTestSchema();
    try {
      const [alone, other] = [await newHost(fleet), await newHost(fleet)];
      await seedPrevious(alone.ctx);
      await seedPrevious(other.ctx);
      const installed = await installOnHost(alone.ctx, { rolloutId: 'r7', ...installReady });
      expect(installed.appliedMigrations.length).toBeGreaterThan(0);
      await installOnHost(other.ctx, { rolloutId: 'r7', ...installReady });
      const applied = 'SELECT id FROM dten_schema_migrations WHERE rollout_id = $1';
      const rollback = { rolloutId: 'r7', package: ref(fixtures.ready) };

      const back = await rollbackOnHost(alone.ctx, { ...rollback, keepMigrations: true });
      expect(back).toMatchObject({ restoredVersion: '4.1.0', rolledBackMigrations: [], health: { healthy: true } });
      expect(await alone.ctx.services.isActive('dten.service')).toBe(true);
      expect(await readFile(join(alone.layout.cronDir, 'dten-reindex'), 'utf8')).toBe(REINDEX_CRON);
      expect((await fleet.query(applied, ['r7'])).length).toBe(installed.appliedMigrations.length);

      // The rollout is rolled back after all: the same host is asked again, and only the data is left to undo.
      const again = await rollbackOnHost(alone.ctx, rollback);
      expect([...again.rolledBackMigrations].sort()).toEqual([...installed.appliedMigrations].sort());
      expect(await fleet.query(applied, ['r7'])).toEqual([]);
      expect((await readCurrentLink(alone.layout))?.version).toBe('4.1.0');
      expect(await alone.ctx.services.isActive('dten.service')).toBe(true);

      const rest = await rollbackOnHost(other.ctx, rollback);
      expect(rest).toMatchObject({ restoredVersion: '4.1.0', rolledBackMigrations: [] });
    } finally {
      await fleet.drop();
    }
  });

  it('per-host preflight says what the install will change on this host, and refuses a host the package cannot upgrade', async () => {
    const { ctx } = await newHost();
    const fresh = await preflightOnHost(ctx, { package: ref(fixtures.ready), window: WINDOW });
    expect(fresh.find((check) => check.check === 'version')).toMatchObject({ ok: false, blocking: true });

    await seedPrevious(ctx);
    const checks = await preflightOnHost(ctx, { package: ref(fixtures.ready), window: WINDOW });
    const said = (name: string) =>
      checks
        .filter((check) => check.check === name)
        .map((check) => check.detail)
        .join(' | ');
    expect(checks.filter((check) => check.blocking && !check.ok)).toEqual([]);
    expect(said('version')).toContain('runs 4.1.0');
    expect(said('config')).toContain('will drop dten.legacy.mode');
    expect(said('config')).toContain('will set dten.hybrid.enable');
    expect(said('schedules')).toContain('will pause');
    expect(said('units')).toContain('running as dten.service');
    // The example package is a few KiB: the room it needs is said in KiB, not rounded up to a whole MiB.
    expect(said('disk')).toMatch(/^\d+\.\d [KMGT]iB free, \d+\.\d KiB needed$/);
  });

  it('per-host preflight keeps a host out when it has less free disk than three times the package', async () => {
    const { ctx } = await newHost();
    await seedPrevious(ctx);
    const packageBytes = (await stat(fixtures.ready.outFile)).size;
    const tight = { ...ctx, freeDiskBytes: () => Promise.resolve(3 * packageBytes - 1) };
    const disk = (await preflightOnHost(tight, { package: ref(fixtures.ready), window: WINDOW })).find(
      (check) => check.check === 'disk',
    );
    expect(disk).toMatchObject({ ok: false, blocking: true });
    const roomy = { ...ctx, freeDiskBytes: () => Promise.resolve(3 * packageBytes) };
    const enough = (await preflightOnHost(roomy, { package: ref(fixtures.ready), window: WINDOW })).find(
      (check) => check.check === 'disk',
    );
    expect(enough).toMatchObject({ ok: true, blocking: true });
  });

  it("per-host preflight holds the package's dependency ranges against what this host's probes read now", async () => {
    const { ctx } = await newHost();
    await seedPrevious(ctx);
    // The ready package needs postgresql >=13 <17, openssl >=3.0.0 <4 and dten-agent >=4.2.0 <4.3.0.
    let postgres = '12.4';
    const probed = {
      probeComponents: () =>
        Promise.resolve({
          versions: { postgresql: postgres, openssl: '3.0.17' },
          problems: { 'dten-agent': '`dten-agent --version`: dten-agent is not installed or not on PATH' },
        }),
    };
    const dependencies = async () =>
      (await preflightOnHost({ ...ctx, ...probed }, { package: ref(fixtures.ready), window: WINDOW })).filter(
        (check) => check.check === 'dependencies',
      );
    expect(await dependencies()).toEqual([
      {
        check: 'dependencies',
        ok: false,
        blocking: true,
        detail: "postgresql runs 12.4 (read as 12.4.0), outside the package's range >=13 <17",
      },
      {
        check: 'dependencies',
        ok: true,
        blocking: true,
        detail: "openssl runs 3.0.17, within the package's range >=3.0.0 <4",
      },
      {
        check: 'dependencies',
        ok: false,
        blocking: false,
        detail:
          'dten-agent >=4.2.0 <4.3.0: not checked, `dten-agent --version`: dten-agent is not installed or not on PATH',
      },
    ]);
    postgres = '15.19';
    expect((await dependencies()).filter((check) => check.blocking && !check.ok)).toEqual([]);
    // Without probes nothing is read, and nothing blocks: the static preflight already reported the ranges.
    const unprobed = await preflightOnHost(ctx, { package: ref(fixtures.ready), window: WINDOW });
    expect(unprobed.filter((check) => check.check === 'dependencies').map((check) => check.blocking)).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('with DTEN_TRUSTED_CA on the agent, a package whose chain leads elsewhere fails per-host preflight and is never installed', async () => {
    const { layout, ctx } = await newHost();
    await seedPrevious(ctx);
    const otherRoot = await issueTestCertificate({
      dir: await mkdtemp(join(layout.root, 'other-ca-')),
      name: 'root',
      subject: '/CN=Another Vendor Root',
      profile: 'root',
      days: 3650,
    });
    const atBuild = { now: () => new Date('2026-03-14T02:30:00.000Z') };
    const trusting = (pem: string): HostStepContext => ({ ...ctx, ...atBuild, trustedCaPem: [pem] });
    const certificates = async (host: HostStepContext) =>
      (await preflightOnHost(host, { package: ref(fixtures.ready), window: WINDOW })).find(
        (check) => check.check === 'certificates',
      );

    const vendor = await certificates(trusting(fixtures.ready.rootCaPem));
    expect(vendor).toMatchObject({
      ok: true,
      blocking: true,
      detail: '3 certificate(s) to preinstall, chain trusted here',
    });

    const other = trusting(otherRoot.pem);
    const refused = await certificates(other);
    expect(refused).toMatchObject({ ok: false, blocking: true });
    expect(refused?.detail).toContain('not trusted here (DTEN_TRUSTED_CA)');
    expect(refused?.detail).toContain('Northwind Secure Issuing Root');
    const install = await installOnHost(other, { rolloutId: 'r-untrusted', ...installReady }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(install).toBeInstanceOf(HostStepError);
    expect((install as HostStepError).code).toBe('package-untrusted');
    expect((await readCurrentLink(layout))?.version).toBe('4.1.0');
    // Refused before its journal opened: no step of it was taken.
    expect(await readdir(layout.journalDir)).not.toContain('r-untrusted.jsonl');
  });

  it('after a successful install, cleanup restores the paused schedule and removes the flag, webhook and credential', async () => {
    const { layout, ctx } = await newHost();
    await seedPrevious(ctx);
    await installOnHost(ctx, { rolloutId: 'r2', ...installReady });
    expect(await readdir(join(layout.configDir, 'flags'))).toContain('hybrid-rollout-guard');

    const results = await cleanupOnHost(ctx, { rolloutId: 'r2', package: ref(fixtures.ready), attempt: 1 });
    expect(results.filter((item) => item.outcome !== 'done')).toEqual([]);
    expect(results.map((item) => `${item.kind}:${item.name}`)).toEqual(
      expect.arrayContaining([
        'schedule:dten-reindex',
        'feature-flag:hybrid-rollout-guard',
        'webhook:upgrade-progress-hook',
        'credential:migration-runner',
      ]),
    );
    expect(await readdir(join(layout.configDir, 'flags'))).not.toContain('hybrid-rollout-guard');
    expect(await readFile(join(layout.cronDir, 'dten-reindex'), 'utf8')).toBe(REINDEX_CRON);
  });

  it('a paused schedule that vanished during the window is reported for a person, not as restored', async () => {
    const { layout, ctx } = await newHost();
    await seedPrevious(ctx);
    await installOnHost(ctx, { rolloutId: 'r4', ...installReady });
    await rm(pausedCronFile(layout, 'r4', 'dten-reindex'));

    const results = await cleanupOnHost(ctx, { rolloutId: 'r4', package: ref(fixtures.ready), attempt: 1 });
    expect(results.find((item) => item.kind === 'schedule')).toEqual({
      kind: 'schedule',
      name: 'dten-reindex',
      outcome: 'manual',
      detail: 'neither the paused copy nor the cron file could be found: put the schedule back by hand',
    });
  });

  it("when the new release's manifest.json was broken after the install, a rollback that must undo migrations stops before it changes anything, and finishes once the file is back", async () => {
    const own = await createTestSchema();
    try {
      const { layout, ctx } = await newHost(own);
      await seedPrevious(ctx);
      const installed = await installOnHost(ctx, { rolloutId: 'r4', ...installReady });
      expect(installed.appliedMigrations.length).toBeGreaterThan(0);
      const manifestFile = join(layout.releaseDir('4.2.0'), 'manifest.json');
      const shipped = await readFile(manifestFile);
      await writeFile(manifestFile, '{ "name": "dten", ');

      const error = await rollbackOnHost(ctx, { rolloutId: 'r4', package: ref(fixtures.ready) }).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(HostStepError);
      expect(describeHostStepError(error as HostStepError)).toMatch(
        /^The manifest\.json of release 4\.2\.0 on this host cannot be read \(manifest is not valid JSON: .*\), so the down migrations of what this rollout applied cannot be found; the rollback stopped before changing anything\. Put opt\/dten\/releases\/4\.2\.0\/manifest\.json back as the package has it, then run the rollback again\.$/,
      );
      // Nothing was undone: the new release still runs on the new data.
      expect((await readCurrentLink(layout))?.version).toBe('4.2.0');
      expect(await ctx.services.isActive('dten-server.service')).toBe(true);
      const applied = await own.query<{ id: string }>('SELECT id FROM dten_schema_migrations WHERE rollout_id = $1', [
        'r4',
      ]);
      expect(applied).toHaveLength(installed.appliedMigrations.length);

      await writeFile(manifestFile, shipped);
      const rolledBack = await rollbackOnHost(ctx, { rolloutId: 'r4', package: ref(fixtures.ready) });
      expect(rolledBack).toMatchObject({ restoredVersion: '4.1.0', health: { healthy: true } });
      expect([...rolledBack.rolledBackMigrations].sort()).toEqual([...installed.appliedMigrations].sort());
      expect(await ctx.services.isActive('dten.service')).toBe(true);
      expect(await ctx.services.isActive('dten-server.service')).toBe(false);
    } finally {
      await own.drop();
    }
  });

  it("when a host that ran no migration finds the new release's manifest.json broken, its rollback stops the units the install started and switches back", async () => {
    const { layout, ctx } = await newHost();
    await seedPrevious(ctx);
    await installOnHost(ctx, { rolloutId: 'r5', ...installReady, runMigrations: false });
    await writeFile(join(layout.releaseDir('4.2.0'), 'manifest.json'), 'not json');

    const rolledBack = await rollbackOnHost(ctx, { rolloutId: 'r5', package: ref(fixtures.ready) });
    expect(rolledBack).toMatchObject({ restoredVersion: '4.1.0', rolledBackMigrations: [], health: { healthy: true } });
    expect(await ctx.services.isActive('dten-server.service')).toBe(false);
    expect(await ctx.services.isActive('dten.service')).toBe(true);
  });

  it('when the install stopped part-way through its migrations, the rollback undoes the ones that were applied', async () => {
    const own = await createTestSchema();
    try {
      const { ctx } = await newHost(own);
      await seedPrevious(ctx);
      // 0001 commits; 0002 fails, as a migration that times out waiting for its lock does.
      const file = join(fixtures.dir, 'partial-9.0.0.zip');
      const sha256 = await buildTestPackage(
        file,
        '9.0.0',
        [
          { name: 'migrations/0001_add_flags.up.sql', content: 'CREATE TABLE dten_flags (name text PRIMARY KEY);\n' },
          { name: 'migrations/0001_add_flags.down.sql', content: 'DROP TABLE dten_flags;\n' },
          { name: 'migrations/0002_backfill.up.sql', content: 'SELECT 1 / 0;\n' },
          { name: 'migrations/0002_backfill.down.sql', content: 'SELECT 1;\n' },
        ],
        { migrations: 'migrations' },
      );
      const partial = { key: 'partial-9.0.0.zip', version: '9.0.0', sha256 };
      const serving: HostStepContext = { ...ctx, fetchPackage: () => Promise.resolve(file) };
      await expect(
        installOnHost(serving, { rolloutId: 'r6', package: partial, window: WINDOW, runMigrations: true }),
      ).rejects.toThrow();
      const applied = await own.query<{ id: string }>('SELECT id FROM dten_schema_migrations WHERE rollout_id = $1', [
        'r6',
      ]);
      expect(applied.map((row) => row.id)).toEqual(['0001_add_flags']);

      const rolledBack = await rollbackOnHost(serving, { rolloutId: 'r6', package: partial });
      expect(rolledBack.rolledBackMigrations).toEqual(['0001_add_flags']);
      expect(await own.query('SELECT id FROM dten_schema_migrations WHERE rollout_id = $1', ['r6'])).toEqual([]);
      expect(await own.query("SELECT to_regclass('dten_flags') AS flags")).toEqual([{ flags: null }]);
    } finally {
      await own.drop();
    }
  });

  it('when the plan keeps an app-only host out of the database, its install applies no migration and its rollback touches no data', async () => {
    const own = await createTestSchema();
    try {
      const { ctx } = await newHost(own);
      await seedPrevious(ctx);
      const seeded = await own.query<{ id: string }>('SELECT id FROM dten_schema_migrations ORDER BY id');
      expect(seeded.length).toBeGreaterThan(0);

      const installed = await installOnHost(ctx, { rolloutId: 'r3', ...installReady, runMigrations: false });
      expect(installed).toMatchObject({ version: '4.2.0', appliedMigrations: [], health: { healthy: true } });
      expect(await own.query('SELECT id FROM dten_schema_migrations WHERE rollout_id = $1', ['r3'])).toEqual([]);

      const rolledBack = await rollbackOnHost(ctx, { rolloutId: 'r3', package: ref(fixtures.ready) });
      expect(rolledBack).toMatchObject({ restoredVersion: '4.1.0', rolledBackMigrations: [] });
      expect(await own.query('SELECT id FROM dten_schema_migrations ORDER BY id')).toEqual(seeded);
    } finally {
      await own.drop();
    }
  });
});
