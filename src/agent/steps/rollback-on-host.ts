import { loadPackageMigrations } from '../../postgres/load-package-migrations.js';
import { rollbackMigrations } from '../../postgres/rollback-migrations.js';
import type { CurrentLink } from '../host/read-current-link.js';
import { findNewerJournal } from '../host/find-newer-journal.js';
import { HostStepError } from '../host/host-step-error.js';
import { openJournal } from '../host/journal.js';
import { readReleaseManifest } from '../host/read-release-manifest.js';
import { readConfigBackup, restoreConfig } from '../host/restore-config.js';
import { restoreSchedules } from '../host/restore-schedules.js';
import { stopServices } from '../host/stop-services.js';
import { checkCurrentTarget, switchCurrent } from '../host/switch-current.js';
import { checkReleaseHealth, type ReleaseHealth } from './check-release-health.js';
import type { HostStepContext, PackageRef } from './host-step-context.js';
import { runJournaled } from './run-journaled.js';

export interface RollbackOutcome {
  restoredVersion: string | undefined;
  rolledBackMigrations: string[];
  health: ReleaseHealth | undefined;
  /** A later rollout changed this host since: nothing was rolled back, and the host is that rollout's now. */
  supersededBy?: string;
}

/**
 * Undoes what this rollout's install did on this host, configuration and data: stop the new units, run the down
 * migrations (once for the fleet; a second host finds nothing left), switch `current` back, restore the config
 * backup, start the units that were stopped, restore paused schedules, check the old release's health. With
 * `keepMigrations` (this host failed within max errors, and others run the new release) the database is left as it is,
 * and nothing of that is journaled: a later rollback of the whole rollout may still undo the data from here.
 */
export async function rollbackOnHost(
  ctx: HostStepContext,
  request: { rolloutId: string; package: PackageRef; keepMigrations?: boolean },
): Promise<RollbackOutcome> {
  const { layout } = ctx;
  const journal = await openJournal(layout, request.rolloutId);
  // A failed rollout whose hosts a person let go (`/dten abort`): a later one may have changed this host since. Rolling
  // back here would undo that one's work, and running it again would not change that: the host is the later one's.
  const newer = await findNewerJournal(layout, request.rolloutId);
  if (newer !== undefined)
    return { restoredVersion: undefined, rolledBackMigrations: [], health: undefined, supersededBy: newer };
  const releaseDir = layout.releaseDir(request.package.version);
  // Missing when the install stopped before it unpacked the release; refused when someone changed it since.
  const read = await readReleaseManifest(releaseDir, request.package.version).catch((error: unknown) => {
    if (error instanceof HostStepError) return error;
    throw error;
  });
  const manifest = read instanceof HostStepError ? undefined : read;
  const previous = journal.lastData<CurrentLink | null>('read-current') ?? undefined;
  const switchBack = journal.lastPhase('switch-current') !== undefined;
  // Started is enough: each migration commits on its own, so an install that stopped part-way applied some.
  const migrated = journal.lastPhase('migrations') !== undefined;
  const undoMigrations =
    request.keepMigrations !== true &&
    ctx.database !== undefined &&
    migrated &&
    !journal.hasDone('rollback-migrations');
  // Before anything stops: a rollback that cannot switch back, restore the config it changed or find the down
  // migrations of what it applied would leave the host with no service running, or the old release on new data.
  if (undoMigrations && read instanceof HostStepError) {
    const problem =
      read.code === 'manifest-invalid'
        ? (read as HostStepError<'manifest-invalid'>).params.problem
        : 'it names another version';
    throw new HostStepError('rollback-manifest-unreadable', { version: request.package.version, problem });
  }
  if (switchBack) await checkCurrentTarget(layout, { linkTarget: previous?.linkTarget });
  if (journal.hasDone('backup-config') && !journal.hasDone('rollback-config'))
    await readConfigBackup(layout, request.rolloutId);
  // Until the install began stopping the old units, the units running are the old release's, and stay up.
  const stopBegan = journal.lastPhase('stop-services') !== undefined;
  // The units the manifest names, or without it the ones the install recorded starting.
  const services = stopBegan
    ? (manifest?.services ?? (journal.lastData<string[]>('start-services') ?? []).map((unit) => ({ unit })))
    : [];
  await runJournaled(journal, 'rollback-stop-services', () => stopServices(ctx.services, services));
  const migrations = request.keepMigrations
    ? { rolledBack: [] }
    : await runJournaled(journal, 'rollback-migrations', async () => {
        if (!ctx.database || !manifest || !migrated) return { rolledBack: [] };
        const scripts = await loadPackageMigrations(releaseDir, manifest.migrations);
        return rollbackMigrations({ ...ctx.database, log: ctx.log, migrations: scripts, rolloutId: request.rolloutId });
      });
  if (switchBack) {
    await runJournaled(journal, 'rollback-switch-current', () =>
      switchCurrent(layout, { linkTarget: previous?.linkTarget }),
    );
  }
  if (journal.hasDone('backup-config')) {
    await runJournaled(journal, 'rollback-config', () => restoreConfig(layout, request.rolloutId));
  }
  await runJournaled(journal, 'rollback-start-services', async () => {
    // What ran before the install began stopping it (an older agent's journal has only what it stopped).
    const stopped = stopBegan
      ? (journal.lastData<string[]>('running-services') ?? journal.lastData<string[]>('stop-services') ?? [])
      : [];
    for (const unit of stopped) await ctx.services.start(unit);
    return stopped;
  });
  await restoreSchedules({ layout, rolloutId: request.rolloutId, journal, services: ctx.services });
  const oldManifest = previous
    ? await readReleaseManifest(layout.releaseDir(previous.version), previous.version).catch(() => undefined)
    : undefined;
  const health = oldManifest
    ? await checkReleaseHealth(ctx, oldManifest, layout.releaseDir(oldManifest.version))
    : undefined;
  return { restoredVersion: previous?.version, rolledBackMigrations: migrations.rolledBack, health };
}
