import { execFile } from 'node:child_process';
import { access, mkdir, readFile, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assemblePlantedSecrets } from '../../src/examples/assemble-planted-secrets.js';
import { buildExampleSet, type ExampleSet } from './build-example-set.js';
import { extractExampleZip } from './extract-example-zip.js';
import { entryText, findEntry, readExampleZip } from './read-example-zip.js';

const run = promisify(execFile);
let set: ExampleSet;
beforeAll(async () => {
  set = await buildExampleSet();
  for (const state of ['arrived', 'ready', 'previous'] as const) {
    await extractExampleZip(set.packages[state].outFile, join(set.dir, `${state}-pkg`));
  }
});
afterAll(() => set?.remove());

const scriptsOf = async (state: 'arrived' | 'ready', masked = true): Promise<string> => {
  const entries = await readExampleZip(set.packages[state].outFile);
  const names = entries.map((entry) => entry.name).filter((name) => /^(scripts|config)\//.test(name));
  return names
    .map((name) => (masked ? entryText(entries, name) : findEntry(entries, name).data.toString('utf8')))
    .join('\n');
};
const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );
const inRoot = (root: string) => ({ env: { ...process.env, DTEN_ROOT: root } });

describe('the example scripts', () => {
  it('when every script of every package is parsed by sh -n, none has a syntax error', async () => {
    for (const state of ['arrived', 'ready', 'previous']) {
      const dir = join(set.dir, `${state}-pkg`, 'scripts');
      const files = (await readdir(dir, { recursive: true })).filter((name) => name.endsWith('.sh'));
      expect(files.length).toBeGreaterThanOrEqual(5);
      for (const file of files) await run('sh', ['-n', join(dir, file)]);
    }
  });

  // Asserted with toBe(true/false) so a failure never prints a credential.
  it('when the arrived scripts are read, they hold a DB password, an AWS key and a Slack webhook, and the ready ones hold none', async () => {
    const secrets = Object.values(assemblePlantedSecrets());
    const arrived = await scriptsOf('arrived', false);
    const ready = await scriptsOf('ready', false);
    expect(secrets.map((secret) => arrived.includes(secret))).toEqual(secrets.map(() => true));
    expect(secrets.map((secret) => ready.includes(secret))).toEqual(secrets.map(() => false));
    expect(await scriptsOf('ready')).toContain('${DTEN_DB_PASSWORD}');
  });

  it('when the repository sources are searched, none of the planted credentials appears literally', async () => {
    const dir = join(import.meta.dirname, '../../src/examples');
    const sources = await Promise.all((await readdir(dir)).map((file) => readFile(join(dir, file), 'utf8')));
    for (const secret of Object.values(assemblePlantedSecrets())) {
      expect(sources.some((source) => source.includes(secret))).toBe(false);
    }
  });

  it('when the arrived scripts are read, they pipe a schedule into crontab and call vendor servers; the ready ones use the internal mirror', async () => {
    const arrived = await scriptsOf('arrived');
    const ready = await scriptsOf('ready');
    expect(arrived).toMatch(/\(crontab -l.*echo "\*\/15 \* \* \* \* .*"\) \| crontab -/);
    expect(arrived).toMatch(/curl .*https:\/\/telemetry\.northwind\.example-cdn\.net\//);
    expect(arrived).toMatch(/https:\/\/updates\.northwind\.example-cdn\.net\//);
    expect(ready).not.toMatch(/crontab -|example-cdn\.net/);
    expect(ready).toMatch(/https:\/\/mirror\.internal\//);
  });

  it('when postinstall restarts the service, the arrived script still names the old unit and the ready one the renamed unit', async () => {
    const postinstall = async (state: 'arrived' | 'ready'): Promise<string> =>
      entryText(await readExampleZip(set.packages[state].outFile), 'scripts/postinstall.sh');
    expect(await postinstall('arrived')).toMatch(/^\s*systemctl restart dten\.service$/m);
    expect(await postinstall('ready')).toMatch(/^\s*systemctl restart dten-server\.service$/m);
    expect(await postinstall('ready')).not.toMatch(/dten\.service/);
  });

  it('when 4.1.0 is installed and 4.2.0 installed over it under a test root, files land there and the new unit is restarted', async () => {
    const root = join(set.dir, 'host-upgrade');
    await mkdir(root);
    for (const [state, step] of [
      ['previous', 'install'],
      ['ready', 'preinstall'],
      ['ready', 'install'],
      ['ready', 'postinstall'],
    ]) {
      await run(join(set.dir, `${state}-pkg`, 'scripts', `${step}.sh`), [], inRoot(root));
    }
    expect(await readlink(join(root, 'opt/dten/current'))).toBe('4.2.0');
    expect(await readFile(join(root, 'etc/dten/dten.conf'), 'utf8')).toMatch(/^dten\.hybrid\.enable = true$/m);
    expect(await readFile(join(root, 'var/lib/dten/backup/dten.conf'), 'utf8')).toMatch(/^dten\.legacy\.mode = true$/m);
    expect((await readFile(join(root, 'run/dten/restart-requested'), 'utf8')).trim()).toBe('dten-server.service');
    expect(await exists(join(root, 'etc/dten/flags/hybrid-rollout-guard'))).toBe(true);

    await run(join(set.dir, 'ready-pkg/scripts/rollback.sh'), [], inRoot(root));
    expect(await readlink(join(root, 'opt/dten/current'))).toBe('4.1.0');
    expect(await readFile(join(root, 'etc/dten/dten.conf'), 'utf8')).toMatch(/^dten\.legacy\.mode = true$/m);
    expect((await readFile(join(root, 'run/dten/restart-requested'), 'utf8')).trim()).toBe('dten.service');
  });

  it('when each cleanup hook runs with its item name, the flag, webhook and credential postinstall left behind are gone', async () => {
    const root = join(set.dir, 'host-cleanup');
    const pkg = join(set.dir, 'ready-pkg');
    await mkdir(root);
    await run(join(pkg, 'scripts/postinstall.sh'), [], inRoot(root));
    const manifest = JSON.parse(await readFile(join(pkg, 'manifest.json'), 'utf8')) as {
      cleanup: Record<string, { name: string; hook: string }[]>;
    };
    const items = Object.values(manifest.cleanup).flat();
    expect(items.map((item) => item.name).sort()).toEqual([
      'hybrid-rollout-guard',
      'migration-runner',
      'upgrade-progress-hook',
    ]);
    const left = [
      'etc/dten/flags/hybrid-rollout-guard',
      'etc/dten/webhooks/upgrade-progress-hook.json',
      'etc/dten/credentials/migration-runner',
    ];
    for (const file of left) expect(await exists(join(root, file))).toBe(true);
    for (const item of items) {
      const { stdout } = await run(join(pkg, item.hook), [item.name], inRoot(root));
      expect(stdout).toContain(`removed`);
    }
    for (const file of left) expect(await exists(join(root, file))).toBe(false);
    await expect(run(join(pkg, items[0]!.hook), ['../../etc/passwd'], inRoot(root))).rejects.toThrow(/unsafe name/);
  });
});
