import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractRelease } from '../../src/agent/host/extract-release.js';
import type { HostLayout } from '../../src/agent/host/host-layout.js';
import { HostStepError } from '../../src/agent/host/host-step-error.js';
import { openJournal } from '../../src/agent/host/journal.js';
import { readCurrentLink } from '../../src/agent/host/read-current-link.js';
import type { HostStepContext, PackageRef } from '../../src/agent/steps/host-step-context.js';
import { installOnHost } from '../../src/agent/steps/install-on-host.js';
import { preflightOnHost } from '../../src/agent/steps/preflight-on-host.js';
import { rollbackOnHost } from '../../src/agent/steps/rollback-on-host.js';
import { describeHostStepError } from '../../src/messages/host-step-error-text.js';
import { buildHostFixtures, type HostFixtures } from '../agent-host/build-host-fixtures.js';
import { buildTestPackage, type TestPackageFile } from '../agent-host/build-test-package.js';
import { createSeededHost, fixtureRef } from './fixture-packages.js';

const WINDOW = { start: '2026-03-14T02:00:00.000Z', durationMinutes: 60 };
/** Fires every five minutes, so inside any hour-long window whatever the test machine's time zone. */
const REINDEX_CRON = '*/5 * * * * root /opt/dten/current/bin/dten-helper reindex\n';
/** The service rename 4.2.0 made: install stops dten.service and starts dten-server.service. */
const RENAMED_SERVICE = [{ unit: 'dten-server.service', renamedFrom: 'dten.service' }];

let fixtures: HostFixtures;
const hosts: { stopAll(): Promise<void> }[] = [];
let packages = 0;

beforeAll(async () => {
  fixtures = await buildHostFixtures();
});

afterAll(async () => {
  for (const host of hosts) await host.stopAll();
  await fixtures?.remove();
});

/** Production before the story: 4.1.0 installed by the agent's own steps, dten.service running, a cron job set. */
async function productionHost(): Promise<{ layout: HostLayout; ctx: HostStepContext }> {
  const host = await createSeededHost(fixtures);
  hosts.push(host);
  await mkdir(host.layout.cronDir, { recursive: true });
  await writeFile(join(host.layout.cronDir, 'dten-reindex'), REINDEX_CRON);
  return { layout: host.layout, ctx: host.ctx };
}

interface VendorPackage {
  ref: PackageRef;
  file: string;
}

/** A package as a vendor might ship it: `files` plus a manifest for `version` with `manifest` laid over it. */
async function vendorPackage(
  version: string,
  files: TestPackageFile[],
  manifest: Record<string, unknown> = {},
): Promise<VendorPackage> {
  const key = `vendor-${++packages}.zip`;
  const file = join(fixtures.dir, key);
  const sha256 = await buildTestPackage(file, version, files, manifest);
  return { ref: { key, version, sha256 }, file };
}

/** The same host, with the package store handing out `pkg`. */
function serving(ctx: HostStepContext, pkg: VendorPackage): HostStepContext {
  return { ...ctx, fetchPackage: () => Promise.resolve(pkg.file) };
}

function install(ctx: HostStepContext, rolloutId: string, pkg: PackageRef) {
  return installOnHost(ctx, { rolloutId, package: pkg, window: WINDOW, runMigrations: true });
}

async function refusalOf(promise: Promise<unknown>): Promise<HostStepError> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof HostStepError)) throw new Error(`expected a HostStepError, got ${String(error)}`);
  return error;
}

/** What production looks like from outside: the release `current` names, what runs, the schedule and the config. */
async function productionState(layout: HostLayout, ctx: HostStepContext) {
  return {
    current: await readCurrentLink(layout).catch((error: unknown) => (error as HostStepError).code),
    running: await ctx.services.isActive('dten.service'),
    cron: await readdir(layout.cronDir),
    config: await readFile(join(layout.configDir, 'dten.conf'), 'utf8'),
  };
}

function stepsJournaled(layout: HostLayout, rolloutId: string): Promise<string[]> {
  return openJournal(layout, rolloutId).then((journal) => journal.entries().map((entry) => entry.step));
}

describe('an install refused by a package script, before production changes', () => {
  it('when preinstall exits non-zero, the install stops there, the person reads what the script said, and production is as it was', async () => {
    const { layout, ctx } = await productionHost();
    const before = await productionState(layout, ctx);
    const pkg = await vendorPackage(
      '9.0.0',
      [
        {
          name: 'scripts/preinstall.sh',
          content:
            '#!/bin/sh\necho "checking free space"\necho "need 2 GiB free in /var/lib/dten, found 100 MiB" >&2\nexit 3\n',
          mode: 0o100755,
        },
      ],
      { scripts: { preinstall: 'scripts/preinstall.sh' }, services: RENAMED_SERVICE },
    );

    const error = await refusalOf(install(serving(ctx, pkg), 'r-pre', pkg.ref));
    expect(error.code).toBe('script-failed');
    expect(describeHostStepError(error)).toBe(
      "The package script scripts/preinstall.sh failed: it exited with code 3; its last output: need 2 GiB free in /var/lib/dten, found 100 MiB. Read the script's output above, fix the cause on the host, and retry.",
    );
    expect(await productionState(layout, ctx)).toEqual(before);
    expect(before).toMatchObject({ current: { version: '4.1.0' }, running: true, cron: ['dten-reindex'] });
    expect(await stepsJournaled(layout, 'r-pre')).not.toContain('pause-schedules');

    // Within max errors the host is then sent back: nothing of 9.0.0 ran, so the old release stays up.
    const back = await rollbackOnHost(serving(ctx, pkg), {
      rolloutId: 'r-pre',
      package: pkg.ref,
      keepMigrations: true,
    });
    expect(back).toMatchObject({ restoredVersion: '4.1.0', health: { healthy: true } });
    expect(await productionState(layout, ctx)).toEqual(before);
  });

  it('when stopping the old service fails, the rollback that follows starts it again, though nothing recorded it stopped', async () => {
    const { layout, ctx } = await productionHost();
    const before = await productionState(layout, ctx);
    const pkg = await vendorPackage('9.0.0', [], { services: RENAMED_SERVICE });
    let hiccups = 1;
    // systemctl stops the unit, then answers with an error: the step ends failed with the unit down.
    const flaky: HostStepContext = {
      ...serving(ctx, pkg),
      services: {
        ...ctx.services,
        stop: async (unit) => {
          await ctx.services.stop(unit);
          if (hiccups-- > 0) throw new Error(`systemctl stop ${unit}: connection timed out`);
        },
      },
    };
    await expect(install(flaky, 'r-stop', pkg.ref)).rejects.toThrow('connection timed out');
    expect(await ctx.services.isActive('dten.service')).toBe(false);

    const back = await rollbackOnHost(flaky, { rolloutId: 'r-stop', package: pkg.ref, keepMigrations: true });
    expect(back).toMatchObject({ restoredVersion: '4.1.0', health: { healthy: true } });
    expect(await productionState(layout, ctx)).toEqual(before);
  });

  it('an install an older agent began stopping, resumed by this one, leaves the rollback what that agent stopped', async () => {
    const { layout, ctx } = await productionHost();
    const before = await productionState(layout, ctx);
    const pkg = await vendorPackage(
      '9.0.0',
      [{ name: 'scripts/postinstall.sh', content: '#!/bin/sh\nexit 1\n', mode: 0o100755 }],
      { scripts: { postinstall: 'scripts/postinstall.sh' }, services: RENAMED_SERVICE },
    );
    // The older agent journaled what it stopped only as its stop step's result, then was upgraded.
    const journal = await openJournal(layout, 'r-older');
    await ctx.services.stop('dten.service');
    await journal.record('stop-services', 'started');
    await journal.record('stop-services', 'done', ['dten.service']);

    await expect(install(serving(ctx, pkg), 'r-older', pkg.ref)).rejects.toThrow(HostStepError);
    expect(await stepsJournaled(layout, 'r-older')).not.toContain('running-services');
    const back = await rollbackOnHost(serving(ctx, pkg), { rolloutId: 'r-older', package: pkg.ref });
    expect(back).toMatchObject({ restoredVersion: '4.1.0', health: { healthy: true } });
    expect(await productionState(layout, ctx)).toEqual(before);
  });

  it('when a failing script prints a credential, the words that leave the host carry it masked', async () => {
    const { ctx } = await productionHost();
    // Built from parts, so no scanner flags this test file.
    const token = ['ghp', '_', 'R8x2Kq9LmZ4vT7nB1cW5yH3jD6fS0aP2eU8i'].join('');
    const password = ['Fr1day', 'Night', 'Deploy', '77'].join('-');
    const pkg = await vendorPackage(
      '9.0.0',
      [
        {
          name: 'scripts/preinstall.sh',
          content: `#!/bin/sh\necho "login failed for https://deploy:${password}@db.internal/dten with GITHUB_TOKEN=${token}" >&2\nexit 1\n`,
          mode: 0o100755,
        },
      ],
      { scripts: { preinstall: 'scripts/preinstall.sh' }, services: RENAMED_SERVICE },
    );
    const error = await refusalOf(install(serving(ctx, pkg), 'r-secret', pkg.ref));
    const words = `${describeHostStepError(error)} ${JSON.stringify(error.params)} ${error.message}`;
    expect(words).toContain('login failed for https://deploy:');
    for (const secret of [token, password]) expect(words).not.toContain(secret);
  });

  it('when preinstall fails without a word, or cannot be run at all, the words still say how it ended', async () => {
    const { layout, ctx } = await productionHost();
    const before = await productionState(layout, ctx);
    const silent = await vendorPackage(
      '9.0.1',
      [{ name: 'scripts/preinstall.sh', content: '#!/bin/sh\nexit 4\n', mode: 0o100755 }],
      { scripts: { preinstall: 'scripts/preinstall.sh' } },
    );
    const quiet = await refusalOf(install(serving(ctx, silent), 'r-silent', silent.ref));
    expect(quiet.code).toBe('script-failed');
    expect(describeHostStepError(quiet)).toBe(
      "The package script scripts/preinstall.sh failed: it exited with code 4. Read the script's output above, fix the cause on the host, and retry.",
    );

    // Zipped without its exec bit (as on a file system that keeps none): the agent cannot start it.
    const plain = await vendorPackage(
      '9.0.2',
      [{ name: 'scripts/preinstall.sh', content: '#!/bin/sh\nexit 0\n', mode: 0o100644 }],
      { scripts: { preinstall: 'scripts/preinstall.sh' } },
    );
    const unrunnable = await refusalOf(install(serving(ctx, plain), 'r-plain', plain.ref));
    expect(unrunnable.code).toBe('script-failed');
    expect(describeHostStepError(unrunnable)).toMatch(
      /^The package script scripts\/preinstall\.sh failed: it could not be run \(spawn \S+\/releases\/9\.0\.2\/scripts\/preinstall\.sh EACCES\)\. /,
    );
    expect(await productionState(layout, ctx)).toEqual(before);
  });

  it('when the manifest names a preinstall script the package does not ship, nothing is run or changed and the words name the script', async () => {
    const { layout, ctx } = await productionHost();
    const before = await productionState(layout, ctx);
    const pkg = await vendorPackage('9.0.0', [{ name: 'scripts/install.sh', content: '#!/bin/sh\n', mode: 0o100755 }], {
      scripts: { preinstall: 'scripts/pre-install.sh' },
      services: RENAMED_SERVICE,
    });

    const error = await refusalOf(install(serving(ctx, pkg), 'r-missing', pkg.ref));
    expect(error.code).toBe('script-missing');
    expect(describeHostStepError(error)).toBe(
      'The script scripts/pre-install.sh is not a file of release 9.0.0. Check the script name in the manifest.',
    );
    expect(await productionState(layout, ctx)).toEqual(before);
  });
});

describe('a host whose files are not as dten left them', () => {
  it('when current is a real folder someone copied by hand, per-host preflight and install both refuse, and the folder stays as it is', async () => {
    const { layout, ctx } = await productionHost();
    await rm(layout.currentLink);
    await cp(layout.releaseDir('4.1.0'), layout.currentLink, { recursive: true });
    await writeFile(join(layout.currentLink, 'patched-by-hand'), 'hotfix\n');
    const before = await productionState(layout, ctx);
    const ready = fixtureRef(fixtures.ready);

    const preflight = await refusalOf(preflightOnHost(ctx, { package: ready, window: WINDOW }));
    expect(preflight.code).toBe('current-not-a-link');
    const error = await refusalOf(install(ctx, 'r-folder', ready));
    expect(error.code).toBe('current-not-a-link');
    expect(describeHostStepError(error)).toBe(
      `${layout.currentLink} is a real folder or file, not a link, so dten will not replace it. Move it aside by hand, put a link to the release it holds in its place (a rollback returns to what current points at), then run the step again.`,
    );
    expect(await productionState(layout, ctx)).toEqual(before);
    expect(before).toMatchObject({ current: 'current-not-a-link', running: true, cron: ['dten-reindex'] });
    expect(await readFile(join(layout.currentLink, 'patched-by-hand'), 'utf8')).toBe('hotfix\n');
    expect(await stepsJournaled(layout, 'r-folder')).toEqual(['read-current']);
  });

  it('when a re-issued package brings a version already unpacked from another package, the install refuses and the release on the host is left untouched', async () => {
    const { layout, ctx } = await productionHost();
    const files = (build: string): TestPackageFile[] => [{ name: 'bin/dten-helper', content: `build ${build}\n` }];
    const first = await vendorPackage('9.0.0', files('1'));
    const reissued = await vendorPackage('9.0.0', files('2'));
    await preflightOnHost(serving(ctx, first), { package: first.ref, window: WINDOW });
    const before = await productionState(layout, ctx);

    const error = await refusalOf(install(serving(ctx, reissued), 'r-reissued', reissued.ref));
    expect(error.code).toBe('release-conflict');
    expect(describeHostStepError(error)).toBe(
      `Release 9.0.0 is already on this host from another package (SHA-256 ${first.ref.sha256}, expected ${reissued.ref.sha256}); it was left untouched. Check which package is right before removing opt/dten/releases/9.0.0 by hand.`,
    );
    expect(await readFile(join(layout.releaseDir('9.0.0'), 'bin/dten-helper'), 'utf8')).toBe('build 1\n');
    expect(await productionState(layout, ctx)).toEqual(before);
    // Refused before its journal opened: no step of this rollout was taken here.
    expect(await readdir(layout.journalDir)).not.toContain('r-reissued.jsonl');
  });

  it('when a rollout names a version that holds a space, per-host preflight refuses it before any path is built from it', async () => {
    const { layout, ctx } = await productionHost();
    const ready = { ...fixtureRef(fixtures.ready), version: '4.2.0 (LTS)' };
    const error = await refusalOf(preflightOnHost(ctx, { package: ready, window: WINDOW }));
    expect(error.code).toBe('unsafe-name');
    expect(describeHostStepError(error)).toBe(
      'The release version "4.2.0 (LTS)" cannot be used as a file name (only letters, digits and . _ @ + - are allowed). Fix it in the rollout or the manifest.',
    );
    expect(await readdir(layout.releasesDir)).toEqual(['4.1.0']);
  });

  it("when the manifest names a unit by a path, per-host preflight refuses the package with the manifest's own words", async () => {
    const { layout, ctx } = await productionHost();
    const pkg = await vendorPackage('9.0.0', [], {
      services: [{ unit: 'system/dten-server.service', renamedFrom: 'dten.service' }],
    });
    const error = await refusalOf(preflightOnHost(serving(ctx, pkg), { package: pkg.ref, window: WINDOW }));
    expect(error.code).toBe('manifest-invalid');
    expect(describeHostStepError(error)).toBe(
      'The manifest.json of package 9.0.0 cannot be used: $.services[0].unit: "system/dten-server.service" is a path; name the unit (dten-server.service), not its file. Nothing on this host was changed; ask the vendor for a corrected manifest (dten preflight lists every problem in it).',
    );
    // The package was unpacked to read its manifest, and nothing of it was kept.
    expect(await readdir(layout.releasesDir)).toEqual(['4.1.0']);
  });

  it('when the manifest changes a config file outside etc/dten, per-host preflight refuses the package and names the path', async () => {
    const { layout, ctx } = await productionHost();
    const pkg = await vendorPackage('9.0.0', [], {
      config: [{ file: '/etc/nginx/nginx.conf', required: { worker_processes: 4 } }],
    });
    const error = await refusalOf(preflightOnHost(serving(ctx, pkg), { package: pkg.ref, window: WINDOW }));
    expect(error.code).toBe('manifest-invalid');
    expect(describeHostStepError(error)).toBe(
      'The manifest.json of package 9.0.0 cannot be used: $.config[0].file: "/etc/nginx/nginx.conf" is an absolute path; name a file inside the package. Nothing on this host was changed; ask the vendor for a corrected manifest (dten preflight lists every problem in it).',
    );
    expect(await readdir(layout.configDir)).toEqual(['certs', 'dten.conf']);
    expect(await readdir(layout.releasesDir)).toEqual(['4.1.0']);
  });
});

describe('an install whose manifest names a path or unit it would refuse halfway', () => {
  const manifestRefusal = (problem: string) =>
    `The manifest.json of package 9.0.0 cannot be used: ${problem}. Nothing on this host was changed; ask the vendor for a corrected manifest (dten preflight lists every problem in it).`;
  const refusedUpfront = [
    {
      what: 'a config file outside etc/dten',
      manifest: { config: [{ file: '../../etc/nginx/nginx.conf', required: { worker_processes: 4 } }] },
      code: 'manifest-invalid',
      words: manifestRefusal(
        '$.config[0].file: "../../etc/nginx/nginx.conf" climbs out of the package with `..`; name a file inside the package',
      ),
    },
    {
      what: 'a unit name the exec adapter cannot make a folder of',
      manifest: { services: [{ unit: 'dten..server.service', renamedFrom: 'dten.service' }] },
      code: 'unsafe-name',
      words:
        'The unit name "dten..server.service" cannot be used as a file name (only letters, digits and . _ @ + - are allowed). Fix it in the rollout or the manifest.',
    },
    {
      what: 'a migrations folder outside the release',
      manifest: { migrations: '../../../var/lib/postgresql/' },
      code: 'manifest-invalid',
      words: manifestRefusal(
        '$.migrations: "../../../var/lib/postgresql/" climbs out of the package with `..`; name a folder inside the package',
      ),
    },
    {
      what: 'a postinstall script outside the release',
      manifest: { scripts: { postinstall: '/usr/local/bin/vendor-postinstall' } },
      code: 'manifest-invalid',
      words: manifestRefusal(
        '$.scripts.postinstall: "/usr/local/bin/vendor-postinstall" is an absolute path; name a file inside the package',
      ),
    },
  ];
  it.each(refusedUpfront)(
    'with $what, install refuses before its journal opens: no schedule paused, no service stopped, no config touched',
    async ({ manifest, code, words }) => {
      const { layout, ctx } = await productionHost();
      const before = await productionState(layout, ctx);
      const pkg = await vendorPackage(
        '9.0.0',
        [{ name: 'scripts/preinstall.sh', content: '#!/bin/sh\ntouch "$DTEN_ROOT/preinstall-ran"\n', mode: 0o100755 }],
        { ...manifest, scripts: { preinstall: 'scripts/preinstall.sh', ...(manifest.scripts ?? {}) } },
      );
      const error = await refusalOf(install(serving(ctx, pkg), 'r-badname', pkg.ref));
      expect(error.code).toBe(code);
      expect(describeHostStepError(error)).toBe(words);
      expect(await productionState(layout, ctx)).toEqual(before);
      expect(await readdir(layout.root)).not.toContain('preinstall-ran');
      expect(await readdir(layout.journalDir)).not.toContain('r-badname.jsonl');
      // Per-host preflight, which runs first in a rollout, refuses the package with the same words.
      const preflight = await refusalOf(preflightOnHost(serving(ctx, pkg), { package: pkg.ref, window: WINDOW }));
      expect(describeHostStepError(preflight)).toBe(words);
    },
  );
});

describe('an install that fails when its new service starts, and the rollback after it', () => {
  const renamedUpgrade = (files: TestPackageFile[]) =>
    vendorPackage('9.0.0', [{ name: 'config/dten.conf', content: 'dten.listen.port = 8080\n' }, ...files], {
      services: RENAMED_SERVICE,
      config: [{ file: 'config/dten.conf', required: { 'dten.hybrid.enable': true } }],
    });

  it('when the package ships no unit file for its service, start is refused with the unit named, and rollback brings 4.1.0 back', async () => {
    const { layout, ctx } = await productionHost();
    const before = await productionState(layout, ctx);
    const pkg = await renamedUpgrade([{ name: 'bin/dten-server', content: '#!/bin/sh\n', mode: 0o100755 }]);
    const host = serving(ctx, pkg);

    const error = await refusalOf(install(host, 'r-nounit', pkg.ref));
    expect(error.code).toBe('unknown-unit');
    expect(describeHostStepError(error)).toBe(
      'The service dten-server.service has no unit file in the current release (units/dten-server.service) nor under etc/systemd/system, so the agent does not know what it runs. Check that name against the unit files the package ships and those on the host.',
    );
    expect((await readCurrentLink(layout))?.version).toBe('9.0.0');

    const rolledBack = await rollbackOnHost(host, { rolloutId: 'r-nounit', package: pkg.ref });
    expect(rolledBack).toMatchObject({ restoredVersion: '4.1.0', health: { healthy: true } });
    expect(await productionState(layout, ctx)).toEqual(before);
  });

  it("when the service's program was zipped without its exec bit, start is refused saying it could not be run, and rollback brings 4.1.0 back", async () => {
    const { layout, ctx } = await productionHost();
    const before = await productionState(layout, ctx);
    const pkg = await renamedUpgrade([
      {
        name: 'units/dten-server.service',
        content: '[Service]\nExecStart=/opt/dten/current/bin/dten-server --config /etc/dten/dten.conf\n',
      },
      { name: 'bin/dten-server', content: '#!/bin/sh\necho "listening 8080"\nsleep 300\n', mode: 0o100644 },
    ]);
    const host = serving(ctx, pkg);

    const error = await refusalOf(install(host, 'r-noexec', pkg.ref));
    expect(error.code).toBe('service-failed');
    expect(describeHostStepError(error)).toBe(
      `The service dten-server.service did not start: ${join(layout.currentLink, 'bin/dten-server')} could not be run (spawn ${join(layout.currentLink, 'bin/dten-server')} EACCES). Read its log under var/log/dten/ on the host.`,
    );
    expect(await ctx.services.isActive('dten-server.service')).toBe(false);

    const rolledBack = await rollbackOnHost(host, { rolloutId: 'r-noexec', package: pkg.ref });
    expect(rolledBack).toMatchObject({ restoredVersion: '4.1.0', health: { healthy: true } });
    expect(await productionState(layout, ctx)).toEqual(before);
  });
});

describe('a rollback that finds what it needs gone', () => {
  it('when the old release folder was deleted after the install, rollback refuses before it stops anything, and once the release is back it completes', async () => {
    const { layout, ctx } = await productionHost();
    const ready = fixtureRef(fixtures.ready);
    await install(ctx, 'r-gone', ready);
    const oldRelease = layout.releaseDir('4.1.0');
    await rm(oldRelease, { recursive: true });

    const error = await refusalOf(rollbackOnHost(ctx, { rolloutId: 'r-gone', package: ready }));
    expect(error.code).toBe('release-missing');
    expect(describeHostStepError(error)).toBe(
      'Release 4.1.0 is not unpacked on this host, so current cannot point at it; nothing was switched. Put opt/dten/releases/4.1.0 back (from a backup, or unpacked from its package), then run the step again.',
    );
    expect((await readCurrentLink(layout))?.version).toBe('4.2.0');
    expect(await ctx.services.isActive('dten-server.service')).toBe(true);

    await extractRelease(layout, fixtures.previous.outFile, fixtures.previous);
    const rolledBack = await rollbackOnHost(ctx, { rolloutId: 'r-gone', package: ready });
    expect(rolledBack).toMatchObject({ restoredVersion: '4.1.0', health: { healthy: true } });
    expect(await ctx.services.isActive('dten.service')).toBe(true);
    expect(await ctx.services.isActive('dten-server.service')).toBe(false);
  });

  it("when the rollout's config backup was deleted, rollback refuses before it stops anything, says which folder to put back, and carries on once it is back", async () => {
    const { layout, ctx } = await productionHost();
    const ready = fixtureRef(fixtures.ready);
    await install(ctx, 'r-nobackup', ready);
    const installedConfig = await readFile(join(layout.configDir, 'dten.conf'), 'utf8');
    const backup = join(layout.backupsDir, 'r-nobackup');
    await rename(backup, `${backup}.elsewhere`);

    const error = await refusalOf(rollbackOnHost(ctx, { rolloutId: 'r-nobackup', package: ready }));
    expect(error.code).toBe('backup-missing');
    expect(describeHostStepError(error)).toBe(
      'There is no configuration backup for rollout r-nobackup on this host (var/lib/dten/backups/r-nobackup), so its configuration cannot be restored; the rollback stopped before changing anything. Put that folder back from your own backups, then run the rollback again.',
    );
    expect(await readFile(join(layout.configDir, 'dten.conf'), 'utf8')).toBe(installedConfig);
    // The new release still runs: nothing was stopped for a rollback that could not finish.
    expect((await readCurrentLink(layout))?.version).toBe('4.2.0');
    expect(await ctx.services.isActive('dten-server.service')).toBe(true);

    await rename(`${backup}.elsewhere`, backup);
    const rolledBack = await rollbackOnHost(ctx, { rolloutId: 'r-nobackup', package: ready });
    expect(rolledBack).toMatchObject({ restoredVersion: '4.1.0', health: { healthy: true } });
    expect(await readFile(join(layout.configDir, 'dten.conf'), 'utf8')).not.toBe(installedConfig);
  });

  it("when a later rollout changed the host since, running the earlier rollout's rollback again changes nothing and says whose the host is now", async () => {
    const { layout, ctx } = await productionHost();
    const ready = fixtureRef(fixtures.ready);
    await install(ctx, 'r-first', ready);
    // r-first's rollback failed and a person let the host go; r-later installed on it after.
    await install(ctx, 'r-later', ready);
    const config = await readFile(join(layout.configDir, 'dten.conf'), 'utf8');

    const outcome = await rollbackOnHost(ctx, { rolloutId: 'r-first', package: ready });
    expect(outcome).toEqual({
      restoredVersion: undefined,
      rolledBackMigrations: [],
      health: undefined,
      supersededBy: 'r-later',
    });
    expect((await readCurrentLink(layout))?.version).toBe('4.2.0');
    expect(await ctx.services.isActive('dten-server.service')).toBe(true);
    expect(await readFile(join(layout.configDir, 'dten.conf'), 'utf8')).toBe(config);

    // Once r-later is rolled back, the host is as r-first left it, and r-first's rollback runs.
    expect(await rollbackOnHost(ctx, { rolloutId: 'r-later', package: ready })).toMatchObject({
      restoredVersion: '4.2.0',
    });
    expect(await rollbackOnHost(ctx, { rolloutId: 'r-first', package: ready })).toMatchObject({
      restoredVersion: '4.1.0',
      health: { healthy: true },
    });
    expect((await readCurrentLink(layout))?.version).toBe('4.1.0');
  });

  it('when the install was refused before it unpacked anything, rollback changes nothing and current stays where it was', async () => {
    const { layout, ctx } = await productionHost();
    const before = await productionState(layout, ctx);
    const tampered = { ...fixtureRef(fixtures.ready), sha256: fixtures.previous.sha256 };
    expect((await refusalOf(install(ctx, 'r-tampered', tampered))).code).toBe('digest-mismatch');

    const rolledBack = await rollbackOnHost(ctx, { rolloutId: 'r-tampered', package: tampered });
    expect(rolledBack).toEqual({ restoredVersion: undefined, rolledBackMigrations: [], health: undefined });
    expect(await productionState(layout, ctx)).toEqual(before);
  });
});

describe('an install whose package lists a certificate it does not ship', () => {
  it('is refused for good, with words naming the certificate, before any script runs or anything stops', async () => {
    const { layout, ctx } = await productionHost();
    const before = await productionState(layout, ctx);
    const pkg = await vendorPackage(
      '9.0.0',
      [{ name: 'scripts/preinstall.sh', content: '#!/bin/sh\ntouch "$DTEN_ROOT/preinstall-ran"\n', mode: 0o100755 }],
      { certificates: ['certs/vendor-intermediate.pem'], scripts: { preinstall: 'scripts/preinstall.sh' } },
    );
    const error = await refusalOf(install(serving(ctx, pkg), 'r-nocert', pkg.ref));
    expect(error.code).toBe('certificate-missing');
    expect(describeHostStepError(error)).toBe(
      'The certificate certs/vendor-intermediate.pem that the manifest lists is not in release 9.0.0, so the chain cannot be preinstalled; nothing else was changed on this host. Ask the vendor for a package that ships it.',
    );
    expect(await productionState(layout, ctx)).toEqual(before);
    expect(await readdir(layout.root)).not.toContain('preinstall-ran');
  });
});

describe('an agent configured to trust only some CAs, or to keep out of the database', () => {
  it('with DTEN_TRUSTED_CA set, a package that carries no certificate chain is refused before anything runs, and the words say why', async () => {
    const { layout, ctx } = await productionHost();
    const before = await productionState(layout, ctx);
    const pkg = await vendorPackage(
      '9.0.0',
      [{ name: 'scripts/preinstall.sh', content: '#!/bin/sh\ntouch "$DTEN_ROOT/preinstall-ran"\n', mode: 0o100755 }],
      { scripts: { preinstall: 'scripts/preinstall.sh' } },
    );
    const trusting = { ...serving(ctx, pkg), trustedCaPem: [fixtures.ready.rootCaPem] };

    const certificates = (await preflightOnHost(trusting, { package: pkg.ref, window: WINDOW })).find(
      (check) => check.check === 'certificates',
    );
    expect(certificates).toMatchObject({ ok: false, blocking: true });
    const error = await refusalOf(install(trusting, 'r-unsigned', pkg.ref));
    expect(error.code).toBe('package-untrusted');
    expect(describeHostStepError(error)).toBe(
      'Package 9.0.0 was not run: its certificate chain is not one this agent trusts (DTEN_TRUSTED_CA): the package carries no certificate chain (the manifest lists no "certificates"), and this agent runs only packages whose chain leads to a CA in DTEN_TRUSTED_CA. Check the chain with the vendor, or add their root to DTEN_TRUSTED_CA on the agents if you trust it.',
    );
    expect(await readdir(layout.root)).not.toContain('preinstall-ran');
    expect(await productionState(layout, ctx)).toEqual(before);
  });

  it('an agent without a database connection applies no migration even when the job lets it, and its rollback touches no data', async () => {
    const { ctx } = await productionHost();
    expect(ctx.database).toBeUndefined();
    const ready = fixtureRef(fixtures.ready);
    const installed = await install(ctx, 'r-nodb', ready);
    expect(installed).toMatchObject({ version: '4.2.0', appliedMigrations: [], health: { healthy: true } });
    const rolledBack = await rollbackOnHost(ctx, { rolloutId: 'r-nodb', package: ready });
    expect(rolledBack).toMatchObject({ restoredVersion: '4.1.0', rolledBackMigrations: [] });
  });
});

describe('per-host preflight of dependencies', () => {
  it('a range that is not a version range is said next to what the probe read, without blocking; a package with no dependencies adds no check', async () => {
    const { ctx } = await productionHost();
    const probing = {
      ...ctx,
      probeComponents: () => Promise.resolve({ versions: { postgresql: '15.4' }, problems: {} }),
    };
    const loose = await vendorPackage('9.0.0', [], { dependencies: { dten: '>=4', postgresql: 'latest' } });
    const checks = await preflightOnHost(serving(probing, loose), { package: loose.ref, window: WINDOW });
    expect(checks.filter((check) => check.check === 'dependencies')).toEqual([
      {
        check: 'dependencies',
        ok: false,
        blocking: false,
        detail: 'postgresql runs 15.4 (read as 15.4.0); "latest" is not a version range, so it was not compared',
      },
    ]);

    const none = await vendorPackage('9.0.1', []);
    const plain = await preflightOnHost(serving(probing, none), { package: none.ref, window: WINDOW });
    expect(plain.filter((check) => check.check === 'dependencies')).toEqual([]);
  });
});
