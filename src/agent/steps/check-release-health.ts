import type { Manifest } from '../../core/manifest/manifest-schema.js';
import { buildHealthProbe } from '../host/build-health-probe.js';
import { checkHealth } from '../host/check-health.js';
import type { HostStepContext } from './host-step-context.js';

export interface ReleaseHealth {
  healthy: boolean;
  detail: string;
  errorRate: number | undefined;
  checkedAt: string;
}

/** Asks the release's own health check (HTTP or command, from its manifest); no check declared counts as healthy. */
export async function checkReleaseHealth(
  ctx: HostStepContext,
  manifest: Manifest,
  releaseDir: string,
  attempts = 10,
): Promise<ReleaseHealth> {
  const checkedAt = ctx.now().toISOString();
  if (!manifest.healthCheck)
    return { healthy: true, detail: 'the package declares no health check', errorRate: undefined, checkedAt };
  const unit = manifest.services[0]?.unit;
  const port = unit && ctx.services.portOf ? await ctx.services.portOf(unit) : undefined;
  const probe = buildHealthProbe(manifest.healthCheck, { port, releaseDir, env: ctx.env });
  if (!probe)
    return { healthy: false, detail: 'the health check cannot be run on this host', errorRate: undefined, checkedAt };
  const result = await checkHealth(probe, { attempts, intervalMs: 500, timeoutMs: 3000 });
  return { healthy: result.healthy, detail: result.detail, errorRate: result.errorRate, checkedAt };
}
