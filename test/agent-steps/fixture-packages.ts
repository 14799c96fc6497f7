import type { HostStepContext, PackageRef } from '../../src/agent/steps/host-step-context.js';
import { seedHost } from '../../src/agent/steps/seed-host.js';
import type { ExamplePackageInfo } from '../../src/examples/build-example-package.js';
import type { HostFixtures } from '../agent-host/build-host-fixtures.js';
import { createTestHostContext } from './create-test-host-context.js';

/** The package store key a job names for one of the fixture packages. */
export function fixtureRef(info: ExamplePackageInfo, sha256 = info.sha256): PackageRef & { key: string } {
  return { key: `Full-upgrade-package-dten-${info.version}.zip`, version: info.version, sha256 };
}

/** A directory store holding the fixture packages: a key resolves to the file the fixtures built. */
export function fetchFixturePackage(fixtures: HostFixtures): HostStepContext['fetchPackage'] {
  const files = new Map([fixtures.ready, fixtures.previous].map((info) => [fixtureRef(info).key, info.outFile]));
  return (ref) => {
    const file = 'key' in ref ? files.get(ref.key) : undefined;
    return file === undefined
      ? Promise.reject(new Error(`no fixture package for ${JSON.stringify(ref)}`))
      : Promise.resolve(file);
  };
}

/** Production before the story: a new host with 4.1.0 installed by the agent's own steps, kept out of any database. */
export async function createSeededHost(fixtures: HostFixtures) {
  const layout = await fixtures.newHost();
  const host = await createTestHostContext(layout, {
    database: undefined,
    fetchPackage: fetchFixturePackage(fixtures),
  });
  await seedHost(host.ctx, fixtureRef(fixtures.previous), { start: '2026-03-14T02:00:00.000Z', durationMinutes: 60 });
  return { layout, ...host };
}
