import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyConfig } from '../../src/agent/host/apply-config.js';
import { backupConfig } from '../../src/agent/host/backup-config.js';
import { extractRelease, type ExtractedRelease } from '../../src/agent/host/extract-release.js';
import type { HostLayout } from '../../src/agent/host/host-layout.js';
import { restoreConfig } from '../../src/agent/host/restore-config.js';
import { buildHostFixtures, type HostFixtures } from './build-host-fixtures.js';

let fixtures: HostFixtures;
beforeAll(async () => {
  fixtures = await buildHostFixtures();
});
afterAll(() => fixtures?.remove());

interface Installed {
  host: HostLayout;
  previous: ExtractedRelease;
  ready: ExtractedRelease;
  live: string;
}

/** A host running 4.1.0 with the config its release shipped, and 4.2.0 unpacked beside it. */
async function hostOn410(): Promise<Installed> {
  const host = await fixtures.newHost();
  const previous = await extractRelease(host, fixtures.previous.outFile, {
    sha256: fixtures.previous.sha256,
    version: '4.1.0',
  });
  const ready = await extractRelease(host, fixtures.ready.outFile, { sha256: fixtures.ready.sha256, version: '4.2.0' });
  await applyConfig(host, previous.dir, previous.manifest.config);
  return { host, previous, ready, live: join(host.configDir, 'dten.conf') };
}

describe('backing up, changing and restoring the live configuration', () => {
  it('when 4.1.0 is installed on an empty host, its config is seeded into etc/dten with legacy mode on', async () => {
    const { host, live } = await hostOn410();
    const text = await readFile(live, 'utf8');
    expect(text).toContain('dten.legacy.mode = true');
    expect(await readdir(host.configDir)).toEqual(['dten.conf']);
  });

  it('when 4.2.0 is applied, dten.legacy.mode is dropped and dten.hybrid.enable = true is added, comments kept; restoring brings back the exact file', async () => {
    const { host, ready, live } = await hostOn410();
    const before = await readFile(live, 'utf8');
    const backup = await backupConfig(
      host,
      'rollout-1',
      ready.manifest.config.map((change) => change.file),
    );
    expect(backup.files).toEqual([{ live: 'dten.conf', existed: true }]);
    const applied = await applyConfig(host, ready.dir, ready.manifest.config);
    expect(applied).toEqual([
      { file: 'dten.conf', seeded: false, set: ['dten.hybrid.enable'], removed: ['dten.legacy.mode'] },
    ]);
    const after = await readFile(live, 'utf8');
    expect(after).not.toContain('dten.legacy.mode');
    expect(after).toMatch(/^dten\.hybrid\.enable = true$/m);
    expect(after).toContain('# dten 4.1.0 configuration');
    expect(await restoreConfig(host, 'rollout-1')).toEqual([{ file: 'dten.conf', action: 'restored' }]);
    expect(await readFile(live, 'utf8')).toBe(before);
  });

  it('when the install step runs again after the config changed, the backup keeps the original and applying again changes nothing', async () => {
    const { host, ready, live } = await hostOn410();
    const original = await readFile(live, 'utf8');
    const files = ready.manifest.config.map((change) => change.file);
    await backupConfig(host, 'rollout-2', files);
    await applyConfig(host, ready.dir, ready.manifest.config);
    const changed = await readFile(live, 'utf8');
    const rerun = await backupConfig(host, 'rollout-2', files);
    expect(rerun.reused).toBe(true);
    expect(await readFile(join(rerun.dir, 'files/dten.conf'), 'utf8')).toBe(original);
    const again = await applyConfig(host, ready.dir, ready.manifest.config);
    expect(again).toEqual([{ file: 'dten.conf', seeded: false, set: [], removed: [] }]);
    expect(await readFile(live, 'utf8')).toBe(changed);
  });

  it('when a backup was cut short by a crash, it is taken again from the live file rather than trusted', async () => {
    const { host, ready, live } = await hostOn410();
    await mkdir(join(host.backupsDir, 'rollout-3.partial', 'files'), { recursive: true });
    await writeFile(join(host.backupsDir, 'rollout-3.partial', 'files', 'dten.conf'), 'half a backup');
    const backup = await backupConfig(
      host,
      'rollout-3',
      ready.manifest.config.map((change) => change.file),
    );
    expect(backup.reused).toBe(false);
    expect(await readFile(join(backup.dir, 'files/dten.conf'), 'utf8')).toBe(await readFile(live, 'utf8'));
    expect(await readdir(host.backupsDir)).toEqual(['rollout-3']);
  });

  it('when the first install is rolled back, the config file it created is removed', async () => {
    const host = await fixtures.newHost();
    const ready = await extractRelease(host, fixtures.ready.outFile, {
      sha256: fixtures.ready.sha256,
      version: '4.2.0',
    });
    await backupConfig(host, 'first', ['config/dten.conf']);
    const applied = await applyConfig(host, ready.dir, ready.manifest.config);
    expect(applied[0]).toMatchObject({ seeded: true, set: [], removed: [] });
    expect(await readFile(join(host.configDir, 'dten.conf'), 'utf8')).toContain('dten.hybrid.enable = true');
    expect(await restoreConfig(host, 'first')).toEqual([{ file: 'dten.conf', action: 'removed' }]);
    expect(await readdir(host.configDir)).toEqual([]);
  });

  it('when there is no backup for the rollout, restoring is refused rather than guessing', async () => {
    const host = await fixtures.newHost();
    await expect(restoreConfig(host, 'never-backed-up')).rejects.toMatchObject({ code: 'backup-missing' });
  });

  it('when the manifest names a config file outside the package config folder, it is refused', async () => {
    const { host, ready } = await hostOn410();
    const change = { file: '../../../etc/passwd', removed: [], required: { root: 'x' } };
    await expect(applyConfig(host, ready.dir, [change])).rejects.toMatchObject({ code: 'unsafe-path' });
  });
});
