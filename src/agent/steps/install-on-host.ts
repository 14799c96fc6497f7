import { copyFile, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Manifest } from '../../core/manifest/manifest-schema.js';
import { loadPackageMigrations } from '../../postgres/load-package-migrations.js';
import { applyMigrations } from '../../postgres/apply-migrations.js';
import { describeScriptEnd } from '../../messages/script-end-text.js';
import { applyConfig } from '../host/apply-config.js';
import { backupConfig } from '../host/backup-config.js';
import { checkManifestUnits } from '../host/check-manifest-units.js';
import { checkReleaseTrust } from '../host/check-release-trust.js';
import { extractRelease } from '../host/extract-release.js';
import { HostStepError } from '../host/host-step-error.js';
import { openJournal } from '../host/journal.js';
import { pauseSchedules } from '../host/pause-schedules.js';
import { runPackageScript } from '../host/run-package-script.js';
import { readCurrentLink } from '../host/read-current-link.js';
import { resolveInside } from '../host/resolve-inside.js';
import { startServices } from '../host/start-services.js';
import { runningUnits, stopServices } from '../host/stop-services.js';
import { switchCurrent } from '../host/switch-current.js';
import { checkReleaseHealth, type ReleaseHealth } from './check-release-health.js';
import type { HostStepContext, PackageRef } from './host-step-context.js';
import { runJournaled } from './run-journaled.js';

export interface InstallRequest {
  rolloutId: string;
  package: PackageRef;
  window: { start: string; durationMinutes: number };
  /** False keeps this host out of the database: the plan gives the fleet's migrations to other hosts. */
  runMigrations: boolean;
}

export interface InstallOutcome {
  version: string;
  previousVersion: string | undefined;
  pausedSchedules: number;
  appliedMigrations: string[];
  health: ReleaseHealth;
}

/**
 * The install choreography on one host, each step journaled so a kill -9 resumes where it stopped: certificate
 * chain → preinstall script → pause schedules → stop services → back up config → migrations (once for the fleet)
 * → switch `current` → apply config → start services → postinstall script → health check. The package is fetched
 * and verified, and every unit name its manifest gives checked (its paths, when it was read), before anything on the host changes.
 * The package's own `install` script is not run: it lays files out its own way, and dten's release folders,
 * atomic `current` switch and config edits are what make the rollback possible.
 */
export async function installOnHost(ctx: HostStepContext, request: InstallRequest): Promise<InstallOutcome> {
  const { layout } = ctx;
  // Opening reads; the first record writes. An install job that reaches the agent after the rollout's rollback ran
  // here (retried after its backoff, or taken back to the queue when its lock lapsed) would undo that rollback.
  const journal = await openJournal(layout, request.rolloutId);
  if (journal.entries().some((entry) => entry.step.startsWith('rollback-')))
    throw new HostStepError('install-after-rollback', { rolloutId: request.rolloutId });
  const file = await ctx.fetchPackage(request.package);
  const release = await extractRelease(layout, file, request.package);
  await refuseUntrusted(ctx, release);
  checkManifestUnits(release.manifest, ctx.services);
  const { manifest } = release;
  const previous = await runJournaled(journal, 'read-current', async () => (await readCurrentLink(layout)) ?? null);
  await runJournaled(journal, 'preinstall-certificates', async () => {
    const dir = join(layout.configDir, 'certs');
    await mkdir(dir, { recursive: true });
    for (const cert of manifest.certificates) {
      // A listed certificate the package does not ship stays missing however often the job is retried.
      await copyFile(resolveInside(release.dir, cert, 'certificate in the manifest'), join(dir, basename(cert))).catch(
        (error: unknown) => {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
          throw new HostStepError('certificate-missing', { certificate: cert, version: release.version });
        },
      );
    }
    return manifest.certificates.length;
  });
  const runScript = async (script: string | undefined): Promise<boolean> => {
    if (!script) return false;
    const run = await runPackageScript({ layout, version: release.version, script, env: ctx.env });
    if (!run.ok) throw new HostStepError('script-failed', { script, detail: describeScriptEnd(run) });
    return true;
  };
  await runJournaled(journal, 'preinstall-script', () => runScript(manifest.scripts.preinstall));
  const start = new Date(request.window.start);
  const window = { start, end: new Date(start.getTime() + request.window.durationMinutes * 60_000) };
  const paused = await pauseSchedules({
    layout,
    rolloutId: request.rolloutId,
    journal,
    services: ctx.services,
    window,
  });
  // What runs, recorded before anything stops: a stop that fails part-way, or an agent killed in the middle of it,
  // leaves the whole list for the rollback to start again (what `stop-services` returns lacks what it had stopped).
  // Once the stop began, the list is this agent's own (journaled before it) or, in an older agent's journal, none:
  // read now, it would lack what was stopped, so the rollback keeps what the stop step returns.
  if (journal.lastPhase('stop-services') === undefined)
    await runJournaled(journal, 'running-services', () => runningUnits(ctx.services, manifest.services));
  await runJournaled(journal, 'stop-services', () => stopServices(ctx.services, manifest.services));
  await runJournaled(journal, 'backup-config', async () => {
    await backupConfig(
      layout,
      request.rolloutId,
      manifest.config.map((change) => change.file),
      ctx.now(),
    );
    return true;
  });
  // Not journaled when the plan keeps this host out: rollback then leaves the database alone here too.
  const migrations = request.runMigrations
    ? await runJournaled(journal, 'migrations', async () => {
        if (!ctx.database) return { applied: [], skipped: [] };
        const scripts = await loadPackageMigrations(release.dir, manifest.migrations);
        return applyMigrations({ ...ctx.database, log: ctx.log, migrations: scripts, rolloutId: request.rolloutId });
      })
    : { applied: [] };
  await runJournaled(journal, 'switch-current', () => switchCurrent(layout, { version: release.version }));
  await runJournaled(journal, 'apply-config', () => applyConfig(layout, release.dir, manifest.config));
  await runJournaled(journal, 'start-services', () => startServices(ctx.services, manifest.services));
  await runJournaled(journal, 'postinstall-script', () => runScript(manifest.scripts.postinstall));
  const health = await checkReleaseHealth(ctx, manifest, release.dir);
  return {
    version: release.version,
    previousVersion: previous?.version,
    pausedSchedules: paused.length,
    appliedMigrations: migrations.applied,
    health,
  };
}

/** With DTEN_TRUSTED_CA set, nothing of a package whose chain this agent does not trust runs or changes the host. */
async function refuseUntrusted(ctx: HostStepContext, release: { version: string; dir: string; manifest: Manifest }) {
  if (!ctx.trustedCaPem) return;
  const problems = await checkReleaseTrust(release, ctx.trustedCaPem, ctx.now());
  if (problems.length > 0)
    throw new HostStepError('package-untrusted', {
      version: release.version,
      problems: problems.join('; ').slice(0, 600),
    });
}
