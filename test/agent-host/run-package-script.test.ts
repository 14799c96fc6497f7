import { readFileSync } from 'node:fs';
import { cp, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { extractRelease } from '../../src/agent/host/extract-release.js';
import type { HostLayout } from '../../src/agent/host/host-layout.js';
import { pickChildEnv } from '../../src/agent/host/pick-child-env.js';
import { RELEASE_DIGEST_FILE } from '../../src/agent/host/release-digest-file.js';
import { runPackageScript } from '../../src/agent/host/run-package-script.js';
import { buildHostFixtures, type HostFixtures } from './build-host-fixtures.js';
import { buildTestPackage } from './build-test-package.js';

let fixtures: HostFixtures;
let host: HostLayout;
const env = pickChildEnv({ ...process.env, DTEN_JOB_KEY: 'job-key-that-must-not-leak-0123456789' });

beforeAll(async () => {
  fixtures = await buildHostFixtures();
  host = await fixtures.newHost();
  await extractRelease(host, fixtures.ready.outFile, { sha256: fixtures.ready.sha256, version: '4.2.0' });
  const file = join(fixtures.dir, 'scripts.zip');
  const sha256 = await buildTestPackage(file, '9.0.0', [
    { name: 'scripts/slow.sh', content: '#!/bin/sh\nsleep 30 &\necho "helper $!"\nwait\n', mode: 0o100755 },
    {
      name: 'scripts/loud.sh',
      content: '#!/bin/sh\nhead -c 200000 /dev/zero | tr "\\0" x\necho\necho "end key=${DTEN_JOB_KEY:-absent}"\n',
      mode: 0o100755,
    },
  ]);
  await extractRelease(host, file, { sha256, version: '9.0.0' });
});
afterAll(() => fixtures?.remove());

describe('running a script of the verified release', () => {
  it('when postinstall runs with DTEN_ROOT, it creates the rollout items under the root and records the restart of the new unit', async () => {
    const result = await runPackageScript({ layout: host, version: '4.2.0', script: 'scripts/postinstall.sh', env });
    expect(result).toMatchObject({ ok: true, exitCode: 0, timedOut: false });
    expect(await readdir(join(host.configDir, 'flags'))).toEqual(['hybrid-rollout-guard']);
    expect(await readFile(join(host.root, 'run/dten/restart-requested'), 'utf8')).toBe('dten-server.service\n');
  });

  it('when a cleanup hook is given the item name, it removes that item and says so', async () => {
    await runPackageScript({ layout: host, version: '4.2.0', script: 'scripts/postinstall.sh', env });
    const hook = 'scripts/cleanup/remove-feature-flag.sh';
    const result = await runPackageScript({
      layout: host,
      version: '4.2.0',
      script: hook,
      args: ['hybrid-rollout-guard'],
      env,
    });
    expect(result.stdout.trim()).toBe('removed feature flag hybrid-rollout-guard');
    expect(await readdir(join(host.configDir, 'flags'))).toEqual([]);
  });

  it('when a script path climbs out of the release or is absolute, it is refused and nothing runs', async () => {
    for (const script of [
      '../4.2.0/scripts/install.sh',
      '../../../../bin/sh',
      '/bin/sh',
      'scripts/../../9.0.0/scripts/loud.sh',
    ]) {
      await expect(runPackageScript({ layout: host, version: '4.2.0', script, env })).rejects.toMatchObject({
        code: 'unsafe-path',
      });
    }
    await expect(
      runPackageScript({ layout: host, version: '4.2.0', script: 'scripts/nope.sh', env }),
    ).rejects.toMatchObject({
      code: 'script-missing',
    });
  });

  it('when a release folder was not unpacked by dten from a verified package, none of its scripts run', async () => {
    await cp(host.releaseDir('4.2.0'), host.releaseDir('4.2.1'), { recursive: true });
    await rm(join(host.releaseDir('4.2.1'), RELEASE_DIGEST_FILE));
    await expect(
      runPackageScript({ layout: host, version: '4.2.1', script: 'scripts/install.sh', env }),
    ).rejects.toMatchObject({
      code: 'release-unverified',
    });
  });

  it('when a script outlives its timeout, it and the helpers it started are ended and the result says it timed out', async () => {
    const result = await runPackageScript({
      layout: host,
      version: '9.0.0',
      script: 'scripts/slow.sh',
      env,
      timeoutMs: 300,
    });
    expect(result).toMatchObject({ ok: false, timedOut: true, signal: 'SIGTERM' });
    const helper = Number(/^helper (\d+)$/m.exec(result.stdout)?.[1]);
    expect(helper).toBeGreaterThan(0);
    await vi.waitFor(() => expect(hasExited(helper)).toBe(true), { timeout: 2_000, interval: 20 });
  });

  it('when a script prints a lot, only the tail is kept, and the agent job key never reaches it', async () => {
    const result = await runPackageScript({
      layout: host,
      version: '9.0.0',
      script: 'scripts/loud.sh',
      env,
      maxOutputBytes: 4096,
    });
    expect(result.ok).toBe(true);
    expect(result.truncated).toBe(true);
    expect(result.stdout.length).toBe(4096);
    expect(result.stdout.trimEnd().endsWith('end key=absent')).toBe(true);
  });
});

/**
 * Whether the process is gone, or has exited and waits to be reaped: the helper's parent was the script, so once both
 * end the helper belongs to the machine's init, which may reap it late (a zombie still answers signal 0).
 */
function hasExited(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state …"; the command name may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}
