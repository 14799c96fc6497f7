import { lstat, readFile, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { HostLayout } from './host-layout.js';
import { HostStepError } from './host-step-error.js';
import { RELEASE_DIGEST_FILE } from './release-digest-file.js';
import { resolveInside } from './resolve-inside.js';
import { runBoundedProcess, type BoundedProcessResult } from './run-bounded-process.js';

export interface RunPackageScriptOptions {
  layout: HostLayout;
  version: string;
  /** Path inside the release, as the manifest names it (`scripts/install.sh`). */
  script: string;
  /** Cleanup hooks get the item name here. */
  args?: readonly string[];
  /** The script's whole environment (see pickChildEnv); `DTEN_ROOT` is added. */
  env: Readonly<Record<string, string>>;
  timeoutMs?: number;
  maxOutputBytes?: number;
}

/**
 * Runs a script of a release that dten unpacked from a verified package (its digest marker is there) — never a
 * command from a job. The path must stay inside the release, links resolved; it runs there with `DTEN_ROOT`.
 */
export async function runPackageScript(options: RunPackageScriptOptions): Promise<BoundedProcessResult> {
  const { layout, version, script } = options;
  const dir = layout.releaseDir(version);
  const digest = await readFile(join(dir, RELEASE_DIGEST_FILE), 'utf8').catch(() => undefined);
  if (digest === undefined) throw new HostStepError('release-unverified', { version });
  const path = resolveInside(dir, script, 'script named in the manifest');
  const real = await realpath(path).catch(() => undefined);
  const inside = real === undefined ? undefined : relative(await realpath(dir), real);
  const isFile = real !== undefined && (await lstat(real)).isFile();
  if (inside === undefined || inside === '..' || inside.startsWith(`..${sep}`) || !isFile) {
    throw new HostStepError('script-missing', { script, version });
  }
  return runBoundedProcess(path, options.args ?? [], {
    cwd: dir,
    env: { ...options.env, DTEN_ROOT: layout.root },
    timeoutMs: options.timeoutMs ?? 10 * 60_000,
    maxOutputBytes: options.maxOutputBytes ?? 64 * 1024,
  });
}
