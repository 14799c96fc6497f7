import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExamplePackageInfo } from '../../src/examples/build-example-package.js';
import { buildUpgradePair } from '../../src/examples/build-upgrade-pair.js';
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
  const { ready, previous } = await buildUpgradePair(dir, new Date('2026-03-13T15:30:00.000Z'));
  let hosts = 0;
  return {
    dir,
    ready,
    previous,
    newHost: async () => createHostLayout(await mkdtemp(join(dir, `host-${++hosts}-`))),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
