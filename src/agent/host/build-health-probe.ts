import type { Manifest } from '../../core/manifest/manifest-schema.js';
import type { HealthProbe } from './check-health.js';

/**
 * The probe the verified manifest asks for: `${PORT}` in its URL becomes the port the service listens on
 * (the exec adapter's announced port, or the live config's); a command runs inside the release folder.
 */
export function buildHealthProbe(
  healthCheck: NonNullable<Manifest['healthCheck']>,
  context: { port: number | undefined; releaseDir: string; env: Readonly<Record<string, string>> },
): HealthProbe | undefined {
  if (healthCheck.url !== undefined) {
    const url = healthCheck.url.replaceAll('${PORT}', String(context.port ?? ''));
    return /^https?:\/\//.test(url) ? { kind: 'http', url } : undefined;
  }
  if (healthCheck.command !== undefined && healthCheck.command.length > 0) {
    return { kind: 'command', argv: healthCheck.command, cwd: context.releaseDir, env: context.env };
  }
  return undefined;
}
