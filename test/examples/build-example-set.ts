import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExamplePackage, type ExamplePackageInfo } from '../../src/examples/build-example-package.js';
import type { ExampleState } from '../../src/examples/example-story.js';

export interface ExampleSet {
  dir: string;
  now: Date;
  packages: Record<ExampleState, ExamplePackageInfo>;
  remove(): Promise<void>;
}

/** Builds the three example packages into a fresh temp folder, all issued by one vendor root. */
export async function buildExampleSet(now = new Date('2026-03-13T15:30:00.000Z')): Promise<ExampleSet> {
  const dir = await mkdtemp(join(tmpdir(), 'dten-example-test-'));
  const workDir = join(dir, 'work');
  const build = (state: ExampleState): Promise<ExamplePackageInfo> =>
    buildExamplePackage({ state, outFile: join(dir, state, 'Full-upgrade-package-dten.zip'), now, workDir });
  const [arrived, ready, previous] = await Promise.all([build('arrived'), build('ready'), build('previous')]);
  return {
    dir,
    now,
    packages: { arrived, ready, previous },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
