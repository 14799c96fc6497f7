import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { TOOL_VERSION } from '../version.js';
import { openArchive } from '../yauzl/open-archive.js';
import { DEFAULT_DETECTORS } from './default-detectors.js';
import type { Policy } from './policy.js';
import type { PreflightReport } from './preflight-report.js';
import { preflightPackage, runPreflight, type PreflightDeps, type PreflightOutcome } from './run-preflight.js';

export interface ConfiguredPreflightInputs {
  trustedCaPem: string[];
  policy: Policy;
  inventory: Record<string, Record<string, string>> | undefined;
  windowMinutes: number | undefined;
  now: Date;
}

/** The static preflight with the installation's detectors, limits and domains: what the CLI and the bot both run. */
export function runConfiguredPreflight(
  zipPath: string,
  config: Config,
  log: Logger,
  inputs: ConfiguredPreflightInputs,
): Promise<PreflightReport> {
  return runPreflight(zipPath, configuredDeps(config, log, inputs));
}

/** As runConfiguredPreflight, with the manifest the report was made from. */
export function preflightConfiguredPackage(
  zipPath: string,
  config: Config,
  log: Logger,
  inputs: ConfiguredPreflightInputs,
): Promise<PreflightOutcome> {
  return preflightPackage(zipPath, configuredDeps(config, log, inputs));
}

function configuredDeps(config: Config, log: Logger, inputs: ConfiguredPreflightInputs): PreflightDeps {
  return {
    openArchive,
    detectors: DEFAULT_DETECTORS,
    limits: config.archiveLimits,
    policy: inputs.policy,
    log,
    toolVersion: TOOL_VERSION,
    options: {
      trustedCaPem: inputs.trustedCaPem,
      inventory: inputs.inventory,
      staleBinaryDays: config.staleBinaryDays,
      internalDomains: [...config.internalDomains, ...inputs.policy.internalDomains],
      plannedWindowMinutes: inputs.windowMinutes,
      now: inputs.now,
    },
  };
}
