import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { downloadedPackageName } from '../../package-store/downloaded-package-name.js';
import { DOWNLOAD_DIR_PREFIX } from '../../package-store/fetch-package.js';
import { describeHostStepError } from '../../messages/host-step-error-text.js';
import { describeScriptEnd } from '../../messages/script-end-text.js';
import { excerptOutput } from '../host/excerpt-output.js';
import { HostStepError, type HostStepErrorCode } from '../host/host-step-error.js';
import { openJournal } from '../host/journal.js';
import { readReleaseManifest } from '../host/read-release-manifest.js';
import { restoreSchedules, type RestoredSchedule } from '../host/restore-schedules.js';
import type { BoundedProcessResult } from '../host/run-bounded-process.js';
import { runPackageScript } from '../host/run-package-script.js';
import type { HostStepContext, PackageRef } from './host-step-context.js';
import { runJournaled } from './run-journaled.js';

export interface CleanupItemResult {
  kind: 'schedule' | 'feature-flag' | 'webhook' | 'credential' | 'script' | 'staging';
  name: string;
  outcome: 'done' | 'failed' | 'manual';
  detail: string;
}

/** What the journal keeps per item: the attempt that produced it, so a later attempt retries what failed. */
interface RecordedCleanupItem extends CleanupItemResult {
  /** Absent in entries written before attempts were recorded: those came from attempt 1. */
  attempt?: number;
}

/**
 * What refuses one hook, not the release: a hook the package does not ship as a file. (A hook path outside the
 * package never gets here: the manifest schema refuses it when the release's manifest is read.)
 */
const HOOK_REFUSALS: ReadonlySet<HostStepErrorCode> = new Set(['script-missing']);

const KINDS = [
  ['featureFlags', 'feature-flag'],
  ['webhooks', 'webhook'],
  ['credentials', 'credential'],
] as const;

/**
 * After a successful rollout: restore the schedules install paused, remove feature flags, temporary webhooks and
 * ephemeral credentials through the hooks the manifest names, run the package's cleanup script, and delete staging
 * files: unfinished release folders, this package's download and downloads a killed agent left unfinished. Reports
 * every item. A hook (or the script) that failed runs again on a later `attempt`; a redelivery of the same attempt
 * returns what it recorded.
 */
export async function cleanupOnHost(
  ctx: HostStepContext,
  request: { rolloutId: string; package: PackageRef; attempt: number },
): Promise<CleanupItemResult[]> {
  const { layout } = ctx;
  const journal = await openJournal(layout, request.rolloutId);
  const manifest = await readReleaseManifest(layout.releaseDir(request.package.version), request.package.version);
  const results: CleanupItemResult[] = [];
  for (const schedule of await restoreSchedules({
    layout,
    rolloutId: request.rolloutId,
    journal,
    services: ctx.services,
  })) {
    results.push({ kind: 'schedule', name: schedule.name, ...describeRestore(schedule) });
  }
  const runItem = async (phase: string, item: CleanupHookRun): Promise<void> => {
    const recorded = await runJournaled(
      journal,
      phase,
      async (): Promise<RecordedCleanupItem> => ({
        ...(await runCleanupHook(ctx, request.package.version, item)),
        attempt: request.attempt,
      }),
      { redo: (earlier) => earlier.outcome === 'failed' && (earlier.attempt ?? 1) < request.attempt },
    );
    // The control plane parses the items strictly: the attempt stays in the journal.
    results.push({ kind: recorded.kind, name: recorded.name, outcome: recorded.outcome, detail: recorded.detail });
  };
  for (const [field, kind] of KINDS) {
    for (const { name, hook } of manifest.cleanup[field]) {
      await runItem(`cleanup-${kind}-${name}`, { kind, name, hook, args: [name] });
    }
  }
  // The package's own cleanup script, after its items: what the vendor's scripts left behind (the preinstall's
  // backups, a database dump among them) is theirs to know and remove.
  const script = manifest.scripts.cleanup;
  if (script) await runItem('cleanup-script', { kind: 'script', name: script, hook: script, args: [] });
  const staging = await runJournaled(journal, 'cleanup-staging', async () => {
    const partial = await listNames(layout.releasesDir, (name) => name.endsWith('.partial'));
    const downloaded = downloadedPackageName(request.package.sha256);
    const downloads = await listNames(
      layout.packagesDir,
      (name) => name === downloaded || name.startsWith(DOWNLOAD_DIR_PREFIX),
    );
    for (const name of partial) await rm(join(layout.releasesDir, name), { recursive: true, force: true });
    for (const name of downloads) await rm(join(layout.packagesDir, name), { recursive: true, force: true });
    return [...partial, ...downloads];
  });
  for (const name of staging) results.push({ kind: 'staging', name, outcome: 'done', detail: 'removed' });
  return results;
}

/** One cleanup item to remove by running `hook` (a script in the package) with `args`. */
interface CleanupHookRun {
  kind: CleanupItemResult['kind'];
  name: string;
  hook: string | undefined;
  args: string[];
}

async function runCleanupHook(
  ctx: HostStepContext,
  version: string,
  { kind, name, hook, args }: CleanupHookRun,
): Promise<CleanupItemResult> {
  if (!hook) return { kind, name, outcome: 'manual', detail: 'no hook in the package: remove it by hand' };
  let run: BoundedProcessResult;
  try {
    run = await runPackageScript({ layout: ctx.layout, version, script: hook, args, env: ctx.env });
  } catch (error) {
    // A hook the package does not ship is that item's problem alone: the other items are
    // still removed. No later attempt can run it, so the item is left to a person.
    if (!(error instanceof HostStepError && HOOK_REFUSALS.has((error as HostStepError).code))) throw error;
    const why = describeHostStepError(error as HostStepError);
    const what = kind === 'script' ? 'Do by hand what it would have done' : `Remove ${name} by hand`;
    return { kind, name, outcome: 'manual', detail: `${why} ${what}.` };
  }
  if (!run.ok) return { kind, name, outcome: 'failed', detail: describeScriptEnd(run) };
  return { kind, name, outcome: 'done', detail: excerptOutput(run.stdout.trim().split('\n').pop() ?? '') };
}

async function listNames(dir: string, keep: (name: string) => boolean): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).filter(keep);
}

/** A schedule that could not be put back is left to a person: the rollout's cleanup says so instead of "done". */
function describeRestore(schedule: RestoredSchedule): Pick<CleanupItemResult, 'outcome' | 'detail'> {
  const kind = schedule.kind === 'timer' ? 'timer' : 'cron file';
  switch (schedule.outcome) {
    case 'restored':
      return { outcome: 'done', detail: `restored (${kind})` };
    case 'already-restored':
      return { outcome: 'done', detail: `already in place (${kind})` };
    case 'superseded':
      return {
        outcome: 'done',
        detail: `the new release brought its own ${schedule.name}, which was kept; the paused copy stays in var/lib/dten/paused/`,
      };
    case 'missing':
      return {
        outcome: 'manual',
        detail: schedule.detail
          ? `${schedule.detail} Put the schedule back by hand.`
          : `neither the paused copy nor the ${kind} could be found: put the schedule back by hand`,
      };
  }
}
