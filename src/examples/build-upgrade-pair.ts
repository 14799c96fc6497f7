import { join } from 'node:path';
import { buildExamplePackage, type ExamplePackageInfo } from './build-example-package.js';

export interface UpgradePair {
  /** 4.1.0, what the fleet runs before the story. */
  previous: ExamplePackageInfo;
  /** 4.2.0 as the team ships it after acting on the preflight report. */
  ready: ExamplePackageInfo;
}

/**
 * The two example packages an upgrade goes between, as `<dir>/previous/…` and `<dir>/ready/…`, issued by one
 * vendor root (`rootCaPem` of either).
 */
export async function buildUpgradePair(dir: string, now = new Date()): Promise<UpgradePair> {
  const workDir = join(dir, 'work');
  const build = (state: 'ready' | 'previous'): Promise<ExamplePackageInfo> =>
    buildExamplePackage({ state, outFile: join(dir, state, 'Full-upgrade-package-dten.zip'), now, workDir });
  // Side by side in one workDir: the builds share the vendor root it holds.
  const [previous, ready] = await Promise.all([build('previous'), build('ready')]);
  return { previous, ready };
}
