import semver from 'semver';
import type { Manifest } from '../../../core/manifest/manifest-schema.js';
import type { PreflightOptions } from '../../detector.js';

const POSTGRES_NAMES = new Set(['postgresql', 'postgres', 'pg', 'postgresql-server']);

/**
 * The oldest PostgreSQL major the migrations must run on: the lower bound of the manifest's dependency range
 * and every version in the host inventory. Undefined when neither names PostgreSQL with a usable version.
 */
export function readPostgresMajor(manifest: Manifest | undefined, options: PreflightOptions): number | undefined {
  const majors: number[] = [];
  for (const [name, range] of Object.entries(manifest?.dependencies ?? {})) {
    if (!POSTGRES_NAMES.has(name.toLowerCase()) || !semver.validRange(range)) continue;
    const lowest = semver.minVersion(range);
    if (lowest && lowest.major > 0) majors.push(lowest.major);
  }
  for (const components of Object.values(options.inventory ?? {})) {
    for (const [name, version] of Object.entries(components)) {
      const coerced = POSTGRES_NAMES.has(name.toLowerCase()) ? semver.coerce(version) : null;
      if (coerced && coerced.major > 0) majors.push(coerced.major);
    }
  }
  return majors.length > 0 ? Math.min(...majors) : undefined;
}
