import type { HostJobPayload } from '../jobs/job-payload.js';
import { cleanupOnHost } from './steps/cleanup-on-host.js';
import type { HostStepContext } from './steps/host-step-context.js';
import { installOnHost } from './steps/install-on-host.js';
import { preflightOnHost } from './steps/preflight-on-host.js';
import { rollbackOnHost } from './steps/rollback-on-host.js';

/** Runs one verified job on this host; what it returns is the job's durable result in Redis. */
export async function runHostJob(ctx: HostStepContext, job: HostJobPayload): Promise<unknown> {
  const { data } = job;
  switch (job.name) {
    case 'host-preflight':
      return preflightOnHost(ctx, { package: data.package, window: toWindow(job.data.window) });
    case 'host-install':
      return installOnHost(ctx, {
        rolloutId: data.rolloutId,
        package: data.package,
        window: toWindow(job.data.window),
        runMigrations: job.data.runMigrations,
      });
    case 'host-cleanup':
      return cleanupOnHost(ctx, { rolloutId: data.rolloutId, package: data.package, attempt: data.attempt });
    case 'host-rollback':
      return rollbackOnHost(ctx, {
        rolloutId: data.rolloutId,
        package: data.package,
        keepMigrations: job.data.keepMigrations === true,
      });
  }
}

function toWindow(window: { start: string; end: string }): { start: string; durationMinutes: number } {
  return { start: window.start, durationMinutes: (Date.parse(window.end) - Date.parse(window.start)) / 60_000 };
}
