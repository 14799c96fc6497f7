import type { CheckPackage } from '../commands/chat-context.js';
import { loadPolicy, loadTrustedCas } from '../cli/load-preflight-inputs.js';
import type { Config } from '../config.js';
import { ArchiveRefusal } from '../core/errors/archive-refusal.js';
import type { Logger } from '../logger.js';
import { describeArchiveRefusal } from '../messages/archive-refusal-text.js';
import { preflightConfiguredPackage } from '../preflight/run-configured-preflight.js';
import { unreadableReport } from '../preflight/unreadable-report.js';

/**
 * The static preflight as the CLI runs it (trust, policy and limits from configuration, read once at start-up),
 * plus what the manifest says the install changes, which the plan carries to every host.
 */
export async function createPackageChecker(config: Config, log: Logger): Promise<CheckPackage> {
  const [trustedCaPem, policy] = await Promise.all([
    loadTrustedCas(config.trustedCaPaths),
    loadPolicy(config.policyPath),
  ]);
  return async (pkg, options) => {
    const now = new Date();
    try {
      // The manifest the report was made from, from the same open file: not a second read of the path.
      const { report, manifest } = await preflightConfiguredPackage(pkg.path, config, log, {
        trustedCaPem,
        policy,
        inventory: options.inventory,
        windowMinutes: options.windowMinutes,
        now,
      });
      return manifest ? { report, release: { services: manifest.services, config: manifest.config } } : { report };
    } catch (error) {
      if (!(error instanceof ArchiveRefusal)) throw error;
      return { report: unreadableReport(pkg.name, describeArchiveRefusal(error), now) };
    }
  };
}
