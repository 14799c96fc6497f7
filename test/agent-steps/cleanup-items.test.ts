import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostLayout } from '../../src/agent/host/host-layout.js';
import { HostStepError } from '../../src/agent/host/host-step-error.js';
import { RELEASE_DIGEST_FILE } from '../../src/agent/host/release-digest-file.js';
import { cleanupOnHost } from '../../src/agent/steps/cleanup-on-host.js';
import type { HostStepContext, PackageRef } from '../../src/agent/steps/host-step-context.js';
import { installOnHost } from '../../src/agent/steps/install-on-host.js';
import { HOST_JOB_RESULTS } from '../../src/jobs/host-job-results.js';
import { describeHostStepError } from '../../src/messages/host-step-error-text.js';
import { buildHostFixtures, type HostFixtures } from '../agent-host/build-host-fixtures.js';
import { buildTestPackage } from '../agent-host/build-test-package.js';
import { createSeededHost } from './fixture-packages.js';

const WINDOW = { start: '2026-03-14T02:00:00.000Z', durationMinutes: 60 };
/** Both fire inside any hour-long window, whatever the test machine's time zone. */
const REINDEX_CRON = '*/5 * * * * root /opt/dten/current/bin/dten-helper reindex\n';
/** Where the package's postinstall leaves a database dump, as vendors' backups do, for its cleanup script. */
const VENDOR_BACKUP = '"$DTEN_ROOT/var/lib/vendor/backup"';
const QUARTER_TIMER = '[Unit]\nDescription=test\n\n[Timer]\nOnCalendar=*:0/15\n\n[Install]\nWantedBy=timers.target\n';

let fixtures: HostFixtures;
let upgrade: { ref: PackageRef & { key: string }; file: string };
const hosts: { stopAll(): Promise<void> }[] = [];

/**
 * 9.0.0 as a vendor shipped it: postinstall leaves a credential for the migrations; the manifest asks cleanup to
 * remove a feature flag it gives no hook for, two webhooks through hooks the package does not ship as files (one
 * missing, one a folder), a third through a hook zipped without its exec bit, and the credential through a hook it
 * does ship; postinstall also leaves a database dump, which the package's cleanup script removes.
 */
beforeAll(async () => {
  fixtures = await buildHostFixtures();
  const file = join(fixtures.dir, 'cleanup-9.0.0.zip');
  const credential = '"$DTEN_ROOT/etc/dten/credentials/$1"';
  const sha256 = await buildTestPackage(
    file,
    '9.0.0',
    [
      {
        name: 'scripts/postinstall.sh',
        content: `#!/bin/sh\nset -eu\nmkdir -p "$DTEN_ROOT/etc/dten/credentials" ${VENDOR_BACKUP}\necho secret > ${credential.replace('$1', 'migration-runner')}\necho 'COPY users' > ${VENDOR_BACKUP}/dump.sql\n`,
        mode: 0o100755,
      },
      {
        name: 'scripts/cleanup.sh',
        content: `#!/bin/sh\nset -eu\nif [ -e "$DTEN_ROOT/run/backup-in-use" ]; then echo "the backup is in use" >&2; exit 3; fi\nrm -rf ${VENDOR_BACKUP}\necho "removed the upgrade backup"\n`,
        mode: 0o100755,
      },
      { name: 'scripts/cleanup/rotate-hook.sh', content: '#!/bin/sh\necho rotated\n', mode: 0o100644 },
      {
        name: 'scripts/cleanup/revoke-credential.sh',
        content: `#!/bin/sh\nset -eu\nrm ${credential}\necho "revoked credential $1"\n`,
        mode: 0o100755,
      },
    ],
    {
      scripts: { postinstall: 'scripts/postinstall.sh', cleanup: 'scripts/cleanup.sh' },
      cleanup: {
        featureFlags: [{ name: 'canary-guard' }],
        webhooks: [
          { name: 'progress-hook', hook: 'scripts/cleanup/delete-webhook.sh' },
          { name: 'audit-hook', hook: 'scripts/cleanup' },
          { name: 'rotation-hook', hook: 'scripts/cleanup/rotate-hook.sh' },
        ],
        credentials: [{ name: 'migration-runner', hook: 'scripts/cleanup/revoke-credential.sh' }],
      },
    },
  );
  upgrade = { ref: { key: 'cleanup-9.0.0.zip', version: '9.0.0', sha256 }, file };
});

afterAll(async () => {
  for (const host of hosts) await host.stopAll();
  await fixtures?.remove();
});

/** 4.1.0 in production with a cron job and two timers that fire in the window, then 9.0.0 installed over it. */
async function upgradedHost(rolloutId: string): Promise<{ layout: HostLayout; ctx: HostStepContext }> {
  const host = await createSeededHost(fixtures);
  hosts.push(host);
  const { layout } = host;
  await mkdir(layout.cronDir, { recursive: true });
  await writeFile(join(layout.cronDir, 'dten-reindex'), REINDEX_CRON);
  await mkdir(layout.systemdDir, { recursive: true });
  for (const timer of ['legacy-report.timer', 'reindex.timer'])
    await writeFile(join(layout.systemdDir, timer), QUARTER_TIMER);
  const ctx: HostStepContext = { ...host.ctx, fetchPackage: () => Promise.resolve(upgrade.file) };
  const installed = await installOnHost(ctx, { rolloutId, package: upgrade.ref, window: WINDOW, runMigrations: false });
  expect(installed.pausedSchedules).toBe(3);
  expect(await ctx.services.isActive('reindex.timer')).toBe(false);
  return { layout, ctx };
}

describe('cleanup on a host where things moved during the window', () => {
  it('each schedule and item is reported as it stands: kept, already running, gone, or left to a person with the reason', async () => {
    const { layout, ctx } = await upgradedHost('r1');
    // During the window: the new release installs its own reindex job, a person starts reindex.timer again by
    // hand, the legacy report's timer is deleted, and an unpacking killed half-way leaves a partial release.
    const newCron = '15 3 * * * root /opt/dten/current/bin/dten-helper reindex --incremental\n';
    await writeFile(join(layout.cronDir, 'dten-reindex'), newCron);
    await ctx.services.start('reindex.timer');
    await rm(join(layout.systemdDir, 'legacy-report.timer'));
    await mkdir(join(layout.releasesDir, '9.1.0.partial', 'bin'), { recursive: true });

    const results = await cleanupOnHost(ctx, { rolloutId: 'r1', package: upgrade.ref, attempt: 1 });
    expect(HOST_JOB_RESULTS.cleanup.parse(results)).toEqual(results);
    expect(results).toEqual([
      {
        kind: 'schedule',
        name: 'dten-reindex',
        outcome: 'done',
        detail:
          'the new release brought its own dten-reindex, which was kept; the paused copy stays in var/lib/dten/paused/',
      },
      {
        kind: 'schedule',
        name: 'legacy-report.timer',
        outcome: 'manual',
        detail:
          'The service legacy-report.timer has no unit file in the current release (units/legacy-report.timer) nor under etc/systemd/system, so the agent does not know what it runs. Check that name against the unit files the package ships and those on the host. Put the schedule back by hand.',
      },
      { kind: 'schedule', name: 'reindex.timer', outcome: 'done', detail: 'already in place (timer)' },
      {
        kind: 'feature-flag',
        name: 'canary-guard',
        outcome: 'manual',
        detail: 'no hook in the package: remove it by hand',
      },
      {
        kind: 'webhook',
        name: 'progress-hook',
        outcome: 'manual',
        detail:
          'The script scripts/cleanup/delete-webhook.sh is not a file of release 9.0.0. Check the script name in the manifest. Remove progress-hook by hand.',
      },
      {
        kind: 'webhook',
        name: 'audit-hook',
        outcome: 'manual',
        detail:
          'The script scripts/cleanup is not a file of release 9.0.0. Check the script name in the manifest. Remove audit-hook by hand.',
      },
      {
        kind: 'webhook',
        name: 'rotation-hook',
        outcome: 'failed',
        detail: `it could not be run (spawn ${join(layout.releaseDir('9.0.0'), 'scripts/cleanup/rotate-hook.sh')} EACCES)`,
      },
      { kind: 'credential', name: 'migration-runner', outcome: 'done', detail: 'revoked credential migration-runner' },
      { kind: 'script', name: 'scripts/cleanup.sh', outcome: 'done', detail: 'removed the upgrade backup' },
      { kind: 'staging', name: '9.1.0.partial', outcome: 'done', detail: 'removed' },
    ]);
    expect(await readdir(join(layout.root, 'var/lib/vendor'))).toEqual([]);
    expect(await readFile(join(layout.cronDir, 'dten-reindex'), 'utf8')).toBe(newCron);
    expect(await readFile(join(layout.pausedDir, 'r1/cron.d/dten-reindex'), 'utf8')).toBe(REINDEX_CRON);
    expect(await ctx.services.isActive('reindex.timer')).toBe(true);
    expect(await readdir(join(layout.configDir, 'credentials'))).toEqual([]);
    expect(await readdir(layout.releasesDir)).toEqual(['4.1.0', '9.0.0']);
  });

  it('a hook the package does not ship leaves its item to a person on every attempt, and the hooks that exist still run', async () => {
    const { layout, ctx } = await upgradedHost('r2');
    const first = await cleanupOnHost(ctx, { rolloutId: 'r2', package: upgrade.ref, attempt: 1 });
    const second = await cleanupOnHost(ctx, { rolloutId: 'r2', package: upgrade.ref, attempt: 2 });
    expect(second).toEqual(first);
    expect(first.filter((item) => item.outcome === 'done').map((item) => `${item.kind}:${item.name}`)).toEqual([
      'schedule:dten-reindex',
      'schedule:legacy-report.timer',
      'schedule:reindex.timer',
      'credential:migration-runner',
      'script:scripts/cleanup.sh',
    ]);
    expect(await readdir(join(layout.configDir, 'credentials'))).toEqual([]);
  });

  it("the package's cleanup script that fails is reported with why, and runs again only on a later attempt", async () => {
    const { layout, ctx } = await upgradedHost('r4');
    const blocker = join(layout.root, 'run/backup-in-use');
    await mkdir(join(layout.root, 'run'), { recursive: true });
    await writeFile(blocker, '');
    const script = async (attempt: number) =>
      (await cleanupOnHost(ctx, { rolloutId: 'r4', package: upgrade.ref, attempt })).find(
        (item) => item.kind === 'script',
      );
    const failed = await script(1);
    expect(failed).toMatchObject({ name: 'scripts/cleanup.sh', outcome: 'failed' });
    expect(failed?.detail).toContain('the backup is in use');
    await rm(blocker);
    // A redelivery of the same attempt answers what it recorded; the next attempt runs the script again.
    expect(await script(1)).toEqual(failed);
    expect(await readdir(join(layout.root, 'var/lib/vendor/backup'))).toEqual(['dump.sql']);
    expect(await script(2)).toMatchObject({ outcome: 'done', detail: 'removed the upgrade backup' });
    expect(await readdir(join(layout.root, 'var/lib/vendor'))).toEqual([]);
  });

  it('when the release folder was put back from a backup that skips hidden files, cleanup runs none of its hooks and says why', async () => {
    const { layout, ctx } = await upgradedHost('r3');
    await rm(join(layout.releaseDir('9.0.0'), RELEASE_DIGEST_FILE));

    const error = await cleanupOnHost(ctx, { rolloutId: 'r3', package: upgrade.ref, attempt: 1 }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(HostStepError);
    expect(describeHostStepError(error as HostStepError)).toBe(
      'Release 9.0.0 on this host was not unpacked by dten from a verified package, so none of its scripts are run. Unpack it again from its package: while current does not point at it, remove opt/dten/releases/9.0.0 and run the install step again.',
    );
    expect(await readdir(join(layout.configDir, 'credentials'))).toEqual(['migration-runner']);
  });
});
