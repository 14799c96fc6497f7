import type { HostStepContext, PackageRef } from './host-step-context.js';
import { installOnHost, type InstallOutcome } from './install-on-host.js';

const HOUR_MS = 3_600_000;

/**
 * Production before a story (the console's local hosts, tests): `pkg` installed on an empty host root by the
 * agent's own steps, out of any database. The window defaults to one that has ended, so no schedule stays paused.
 */
export function seedHost(
  ctx: HostStepContext,
  pkg: PackageRef,
  window = { start: new Date(ctx.now().getTime() - 2 * HOUR_MS).toISOString(), durationMinutes: 60 },
): Promise<InstallOutcome> {
  return installOnHost(ctx, { rolloutId: 'seed', package: pkg, window, runMigrations: false });
}
