import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExamplePackage, type ExamplePackageInfo } from '../../src/examples/build-example-package.js';
import { createHostLayout, type HostLayout } from '../../src/agent/host/host-layout.js';

export interface HostFixtures {
  dir: string;
  ready: ExamplePackageInfo;
  previous: ExamplePackageInfo;
  /** A fresh, empty host root for one test. */
  newHost(): Promise<HostLayout>;
  remove(): Promise<void>;
}

/** Builds the real 4.1.0 (`previous`) and 4.2.0 (`ready`) packages once, and hands out empty host roots. */
export async function buildHostFixtures(): Promise<HostFixtures> {
  const dir = await mkdtemp(join(tmpdir(), 'dten-agent-host-'));
  const now = new Date('2026-03-13T15:30:00.000Z');
  const workDir = join(dir, 'work');
  const build = (state: 'ready' | 'previous'): Promise<ExamplePackageInfo> =>
    buildExamplePackage({ state, outFile: join(dir, state, 'Full-upgrade-package-dten.zip'), now, workDir });
  const [ready, previous] = await Promise.all([build('ready'), build('previous')]);
  let hosts = 0;
  return {
    dir,
    ready,
    previous,
    newHost: async () => createHostLayout(await mkdtemp(join(dir, `host-${++hosts}-`))),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
