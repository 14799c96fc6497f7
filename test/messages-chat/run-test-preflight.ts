import { createLogger } from '../../src/logger.js';
import { DEFAULT_ARCHIVE_LIMITS } from '../../src/preflight/archive.js';
import { DEFAULT_DETECTORS } from '../../src/preflight/default-detectors.js';
import type { PreflightReport } from '../../src/preflight/preflight-report.js';
import { DEFAULT_POLICY } from '../../src/preflight/policy.js';
import { runPreflight, type PreflightDeps } from '../../src/preflight/run-preflight.js';
import { openArchive } from '../../src/yauzl/open-archive.js';

/**
 * The real static preflight with every detector, as `/dten preflight` runs it; `deps` replaces the policy, the
 * detectors, the archive limits or the logger.
 */
export function runTestPreflight(
  zipPath: string,
  now: Date,
  trustedCaPem: string[] = [],
  deps: Partial<Pick<PreflightDeps, 'policy' | 'detectors' | 'limits' | 'log'>> = {},
): Promise<PreflightReport> {
  return runPreflight(zipPath, {
    openArchive,
    detectors: DEFAULT_DETECTORS,
    limits: DEFAULT_ARCHIVE_LIMITS,
    policy: DEFAULT_POLICY,
    log: createLogger('silent'),
    ...deps,
    toolVersion: 'test',
    options: {
      trustedCaPem,
      inventory: undefined,
      staleBinaryDays: 365,
      internalDomains: [],
      plannedWindowMinutes: undefined,
      now,
    },
  });
}
