import { mkdir, readdir, readlink } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractRelease } from '../../src/agent/host/extract-release.js';
import { HostStepError } from '../../src/agent/host/host-step-error.js';
import type { HostLayout } from '../../src/agent/host/host-layout.js';
import { readCurrentLink } from '../../src/agent/host/read-current-link.js';
import { switchCurrent } from '../../src/agent/host/switch-current.js';
import { buildHostFixtures, type HostFixtures } from './build-host-fixtures.js';

let fixtures: HostFixtures;
beforeAll(async () => {
  fixtures = await buildHostFixtures();
});
afterAll(() => fixtures?.remove());

async function hostWithBothReleases(): Promise<HostLayout> {
  const host = await fixtures.newHost();
  await extractRelease(host, fixtures.previous.outFile, { sha256: fixtures.previous.sha256, version: '4.1.0' });
  await extractRelease(host, fixtures.ready.outFile, { sha256: fixtures.ready.sha256, version: '4.2.0' });
  return host;
}

describe('switching the current release', () => {
  it('when current moves to 4.1.0, then 4.2.0, then back, each switch reports what it replaced and leaves no temporary link', async () => {
    const host = await hostWithBothReleases();
    const first = await switchCurrent(host, { version: '4.1.0' });
    expect(first.previous).toEqual({ linkTarget: undefined });
    const second = await switchCurrent(host, { version: '4.2.0' });
    expect(second.previous).toEqual({ linkTarget: 'releases/4.1.0' });
    expect(await readCurrentLink(host)).toEqual({ linkTarget: 'releases/4.2.0', version: '4.2.0' });
    await switchCurrent(host, second.previous);
    expect(await readlink(host.currentLink)).toBe('releases/4.1.0');
    expect((await readdir(host.optDir)).sort()).toEqual(['current', 'releases']);
  });

  it('when the first install is rolled back, current is removed again', async () => {
    const host = await hostWithBothReleases();
    const switched = await switchCurrent(host, { version: '4.2.0' });
    await switchCurrent(host, switched.previous);
    expect(await readCurrentLink(host)).toBeUndefined();
  });

  it('when current is a real folder someone made by hand, the switch is refused and the folder stays', async () => {
    const host = await hostWithBothReleases();
    await mkdir(host.currentLink);
    await expect(switchCurrent(host, { version: '4.2.0' })).rejects.toMatchObject({ code: 'current-not-a-link' });
    expect(await readdir(host.currentLink)).toEqual([]);
  });

  it('when the release is not on the host, or a recorded target leaves opt/dten, the switch is refused', async () => {
    const host = await hostWithBothReleases();
    const missing = await switchCurrent(host, { version: '4.3.0' }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(HostStepError);
    expect(missing).toMatchObject({ code: 'release-missing' });
    await expect(switchCurrent(host, { linkTarget: '../../etc' })).rejects.toMatchObject({ code: 'unsafe-path' });
    expect(await readCurrentLink(host)).toBeUndefined();
  });
});
