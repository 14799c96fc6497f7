import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExamplePackage } from '../../src/examples/build-example-package.js';
import type { ExampleState } from '../../src/examples/example-story.js';
import { extractExampleZip } from '../examples/extract-example-zip.js';

export interface ExampleReleases {
  /** The extracted release directory of each example package, as an agent unpacks it. */
  dirs: Record<ExampleState, string>;
  remove(): Promise<void>;
}

/** Builds the example packages as real zips and extracts each into its own release directory. */
export async function buildExampleReleases(): Promise<ExampleReleases> {
  const dir = await mkdtemp(join(tmpdir(), 'dten-postgres-test-'));
  const workDir = join(dir, 'work');
  const states: ExampleState[] = ['previous', 'ready', 'arrived'];
  const extract = async (state: ExampleState): Promise<[ExampleState, string]> => {
    const outFile = join(dir, state, 'Full-upgrade-package-dten.zip');
    await buildExamplePackage({ state, outFile, workDir, now: new Date('2026-03-13T15:30:00.000Z') });
    const releaseDir = join(dir, `release-${state}`);
    await extractExampleZip(outFile, releaseDir);
    return [state, releaseDir];
  };
  // One at a time: the builds share one vendor root CA in workDir.
  const dirs: [ExampleState, string][] = [];
  for (const state of states) dirs.push(await extract(state));
  return {
    dirs: Object.fromEntries(dirs) as Record<ExampleState, string>,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
