import { startControlPlane } from '../bullmq/start-control-plane.js';
import type { Config } from '../config.js';
import { UserError } from '../core/errors/user-error.js';
import type { Logger } from '../logger.js';
import { servePackagesToAgents } from './serve-packages-to-agents.js';
import { closeWithinGrace } from './close-within-grace.js';
import { waitForStopSignal } from './wait-for-stop-signal.js';
import { CONTROL_USAGE } from './command-usage.js';

/**
 * `dten control`: the control plane on its own (the bot embeds the same thing), and the package store for remote agents
 * when DTEN_PACKAGE_LISTEN is set; runs until SIGTERM or SIGINT.
 */
export async function controlCommand(argv: string[], config: Config, log: Logger): Promise<number> {
  if (argv.length > 0) throw new UserError('usage', { problem: `Usage: ${CONTROL_USAGE} (it takes no arguments)` });
  if (!config.jobKey)
    throw new UserError('config-missing', {
      variable: 'DTEN_JOB_KEY',
      why: 'the control plane signs every job with it',
    });
  // First: a misconfigured package store stops the start before anything holds a connection open.
  const packages = await servePackagesToAgents(config, log.child({ role: 'package-store' }));
  const plane = await startControlPlane(config, log.child({ role: 'control' })).catch(async (error: unknown) => {
    await packages?.close();
    throw error;
  });
  log.info({ prefix: config.queuePrefix }, 'control plane ready');
  await waitForStopSignal();
  // A step job cut short is taken over by the next start.
  await closeWithinGrace([plane.close(), packages?.close()]);
  log.info('control plane stopped');
  return 0;
}
