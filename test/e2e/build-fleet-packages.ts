import { join } from 'node:path';
import type { ReleaseChanges } from '../../src/core/rollout/rollout.js';
import { createDirectoryPackageStore } from '../../src/package-store/create-directory-package-store.js';
import { DEFAULT_ARCHIVE_LIMITS } from '../../src/preflight/archive.js';
import { readManifest } from '../../src/preflight/read-manifest.js';
import { openArchive } from '../../src/yauzl/open-archive.js';
import { buildHostFixtures, type HostFixtures } from '../agent-host/build-host-fixtures.js';
import { fixtureRef } from '../agent-steps/fixture-packages.js';

export interface FleetPackages {
  fixtures: HostFixtures;
  /** Every agent's DTEN_PACKAGE_DIR: both packages under the keys `fixtureRef` names. */
  storeDir: string;
  /** What the ready package's manifest says its install changes, as the bot copies it into a plan. */
  release: ReleaseChanges;
}

/** The real 4.1.0 and 4.2.0 packages, put in a package store the agents read, once per test file. */
export async function buildFleetPackages(): Promise<FleetPackages> {
  const fixtures = await buildHostFixtures();
  const storeDir = join(fixtures.dir, 'store');
  const store = createDirectoryPackageStore(storeDir);
  for (const info of [fixtures.ready, fixtures.previous]) await store.put(info.outFile, fixtureRef(info).key);
  const archive = await openArchive({ kind: 'file', path: fixtures.ready.outFile }, DEFAULT_ARCHIVE_LIMITS);
  try {
    const { manifest } = await readManifest(archive, DEFAULT_ARCHIVE_LIMITS);
    if (!manifest) throw new Error('the ready example package has no readable manifest');
    return { fixtures, storeDir, release: { services: manifest.services, config: manifest.config } };
  } finally {
    archive.close();
  }
}
