import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeHostStepError } from '../../src/messages/host-step-error-text.js';
import { extractRelease } from '../../src/agent/host/extract-release.js';
import { HostStepError } from '../../src/agent/host/host-step-error.js';
import { openArchive } from '../../src/yauzl/open-archive.js';
import { buildHostFixtures, type HostFixtures } from './build-host-fixtures.js';
import { buildTestPackage } from './build-test-package.js';

let fixtures: HostFixtures;
beforeAll(async () => {
  fixtures = await buildHostFixtures();
});
afterAll(() => fixtures?.remove());

async function refusal(promise: Promise<unknown>): Promise<HostStepError> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof HostStepError)) throw new Error(`expected a HostStepError, got ${String(error)}`);
  return error;
}

describe('unpacking a verified package into a release folder', () => {
  it('when the ready package matches its digest, releases/4.2.0 holds every file, scripts keep their exec bit, and the manifest comes from the package', async () => {
    const host = await fixtures.newHost();
    const release = await extractRelease(host, fixtures.ready.outFile, {
      sha256: fixtures.ready.sha256,
      version: '4.2.0',
    });
    expect(release).toMatchObject({ version: '4.2.0', dir: join(host.releasesDir, '4.2.0'), reused: false });
    expect(release.files).toBe(fixtures.ready.entries.length);
    expect(release.manifest.services).toEqual([{ unit: 'dten-server.service', renamedFrom: 'dten.service' }]);
    expect((await stat(join(release.dir, 'bin/dten-server'))).mode & 0o777).toBe(0o755);
    expect((await stat(join(release.dir, 'scripts/install.sh'))).mode & 0o777).toBe(0o755);
    expect((await stat(join(release.dir, 'config/dten.conf'))).mode & 0o777).toBe(0o644);
    expect(await readFile(join(release.dir, 'config/dten.conf'), 'utf8')).toContain('dten.hybrid.enable = true');
    expect(await readdir(host.releasesDir)).toEqual(['4.2.0']);
  });

  it('when the same package is unpacked again (a redelivered job), the release already there is reused as it is', async () => {
    const host = await fixtures.newHost();
    const expected = { sha256: fixtures.ready.sha256, version: '4.2.0' };
    const first = await extractRelease(host, fixtures.ready.outFile, expected);
    await writeFile(join(first.dir, 'written-after-install'), 'kept');
    const again = await extractRelease(host, fixtures.ready.outFile, expected);
    expect(again.reused).toBe(true);
    expect(again.manifest.version).toBe('4.2.0');
    expect(await readFile(join(first.dir, 'written-after-install'), 'utf8')).toBe('kept');
  });

  it('when the package digest does not match the approved one, nothing is unpacked and the message names both digests', async () => {
    const host = await fixtures.newHost();
    const approved = fixtures.previous.sha256;
    const error = await refusal(extractRelease(host, fixtures.ready.outFile, { sha256: approved, version: '4.2.0' }));
    expect(error.code).toBe('digest-mismatch');
    const text = describeHostStepError(error);
    expect(text).toContain(approved);
    expect(text).toContain(fixtures.ready.sha256);
    expect(await readdir(host.root)).toEqual([]);
  });

  it('when another file is put at the package path just before it is opened, it is refused by its digest, not unpacked', async () => {
    const host = await fixtures.newHost();
    const file = join(fixtures.dir, 'swapped-before-open.zip');
    await copyFile(fixtures.ready.outFile, file);
    const error = await refusal(
      extractRelease(
        host,
        file,
        { sha256: fixtures.ready.sha256, version: '4.2.0' },
        {
          openArchive: async (source, limits) => {
            // The race an attacker with write access to the package folder would run: replace the checked file.
            const other = join(fixtures.dir, 'other.zip');
            await copyFile(fixtures.previous.outFile, other);
            await rename(other, file);
            return openArchive(source, limits);
          },
        },
      ),
    );
    expect(error.code).toBe('digest-mismatch');
    expect(describeHostStepError(error)).toContain(fixtures.previous.sha256);
    expect(await readdir(host.root)).toEqual([]);
  });

  it('when the package file is not a zip at all, the message is about its digest, not about the zip', async () => {
    const host = await fixtures.newHost();
    const file = join(fixtures.dir, 'not-a-zip.zip');
    await writeFile(file, 'an HTML error page saved as the package\n');
    const error = await refusal(extractRelease(host, file, { sha256: fixtures.ready.sha256, version: '4.2.0' }));
    expect(error.code).toBe('digest-mismatch');
    expect(await readdir(host.root)).toEqual([]);
  });

  it('when a named pipe sits where the package should be, it is refused at once as not found, never waited on', async () => {
    const host = await fixtures.newHost();
    const file = join(fixtures.dir, 'pipe.zip');
    execFileSync('mkfifo', [file]);
    await expect(extractRelease(host, file, { sha256: fixtures.ready.sha256, version: '4.2.0' })).rejects.toMatchObject(
      {
        code: 'not-found',
      },
    );
    expect(await readdir(host.root)).toEqual([]);
  });

  it('when a package carries a symbolic link, it is refused as a whole and no release or partial folder is left', async () => {
    const host = await fixtures.newHost();
    const file = join(fixtures.dir, 'with-link.zip');
    const sha256 = await buildTestPackage(file, '9.0.0', [
      { name: 'bin/run', content: '#!/bin/sh\n', mode: 0o100755 },
      { name: 'etc-passwd', content: '/etc/passwd', mode: 0o120777 },
    ]);
    const error = await refusal(extractRelease(host, file, { sha256, version: '9.0.0' }));
    expect(error.code).toBe('archive-hazard');
    expect(describeHostStepError(error)).toContain('etc-passwd');
    expect(await readdir(host.releasesDir)).toEqual([]);
  });

  it('when a package carries folder entries, a read-only one too, every file lands inside and each folder keeps its bits plus owner write', async () => {
    const host = await fixtures.newHost();
    const file = join(fixtures.dir, 'with-folders.zip');
    const sha256 = await buildTestPackage(file, '9.0.0', [
      { name: 'share/', content: '', mode: 0o40555 },
      { name: 'share/doc/', content: '', mode: 0o40750 },
      { name: 'share/doc/README', content: 'read me\n' },
      { name: 'share/empty/', content: '' },
    ]);
    const release = await extractRelease(host, file, { sha256, version: '9.0.0' });
    expect(release.files).toBe(2);
    expect(await readFile(join(release.dir, 'share/doc/README'), 'utf8')).toBe('read me\n');
    expect((await stat(join(release.dir, 'share'))).mode & 0o777).toBe(0o755);
    expect((await stat(join(release.dir, 'share/doc'))).mode & 0o777).toBe(0o750);
    expect(await readdir(join(release.dir, 'share/empty'))).toEqual([]);
    expect(await readdir(host.releasesDir)).toEqual(['9.0.0']);
  });

  it('when a package carries world-writable or setuid files and folders, they land writable by their owner only', async () => {
    const host = await fixtures.newHost();
    const file = join(fixtures.dir, 'loose-modes.zip');
    const sha256 = await buildTestPackage(file, '9.0.0', [
      { name: 'scripts/', content: '', mode: 0o40777 },
      { name: 'scripts/install.sh', content: '#!/bin/sh\n', mode: 0o104777 },
      { name: 'config/app.conf', content: 'a = 1\n', mode: 0o100666 },
    ]);
    const release = await extractRelease(host, file, { sha256, version: '9.0.0' });
    const bits = async (path: string) => (await stat(join(release.dir, path))).mode & 0o7777;
    expect(await bits('scripts')).toBe(0o755);
    expect(await bits('scripts/install.sh')).toBe(0o755);
    expect(await bits('config/app.conf')).toBe(0o644);
  });

  it('when another package already installed the same version, the release on the host is left untouched', async () => {
    const host = await fixtures.newHost();
    const file = join(fixtures.dir, 'impostor.zip');
    const sha256 = await buildTestPackage(file, '4.2.0', [{ name: 'bin/dten-server', content: 'impostor' }]);
    await extractRelease(host, fixtures.ready.outFile, { sha256: fixtures.ready.sha256, version: '4.2.0' });
    const error = await refusal(extractRelease(host, file, { sha256, version: '4.2.0' }));
    expect(error.code).toBe('release-conflict');
    expect(await readFile(join(host.releaseDir('4.2.0'), 'bin/dten-server'), 'utf8')).toContain('dten-server 4.2.0');
  });

  it("when the package's manifest names another version than the rollout, it is refused and nothing stays", async () => {
    const host = await fixtures.newHost();
    const error = await refusal(
      extractRelease(host, fixtures.ready.outFile, { sha256: fixtures.ready.sha256, version: '4.3.0' }),
    );
    expect(error.code).toBe('version-mismatch');
    expect(describeHostStepError(error)).toContain('4.2.0');
    expect(await readdir(host.releasesDir)).toEqual([]);
  });

  it('when an extraction was killed half-way, its partial folder is discarded and the release is unpacked whole', async () => {
    const host = await fixtures.newHost();
    const partial = join(host.releasesDir, '4.2.0.partial');
    await mkdir(join(partial, 'bin'), { recursive: true });
    await writeFile(join(partial, 'bin/dten-server'), 'half written');
    const release = await extractRelease(host, fixtures.ready.outFile, {
      sha256: fixtures.ready.sha256,
      version: '4.2.0',
    });
    expect(release.reused).toBe(false);
    expect(await readFile(join(release.dir, 'bin/dten-server'), 'utf8')).toContain('#!/usr/bin/env node');
    expect(await readdir(host.releasesDir)).toEqual(['4.2.0']);
  });

  it('when the rollout names a version that is not a plain name, it is refused before any path is built', async () => {
    const host = await fixtures.newHost();
    const error = await refusal(
      extractRelease(host, fixtures.ready.outFile, { sha256: fixtures.ready.sha256, version: '../../etc' }),
    );
    expect(error.code).toBe('unsafe-name');
  });
});
