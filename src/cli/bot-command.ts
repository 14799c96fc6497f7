import type { Config } from '../config.js';
import { UserError } from '../core/errors/user-error.js';
import type { Logger } from '../logger.js';
import { startSlackBot } from '../slack/start-slack-bot.js';
import { runConsoleBot } from './bot-console.js';
import { servePackagesToAgents } from './serve-packages-to-agents.js';
import { closeWithinGrace } from './close-within-grace.js';
import { waitForStopSignal } from './wait-for-stop-signal.js';
import { BOT_USAGE } from './command-usage.js';

/**
 * `dten bot`: the Slack app when a bot token is configured; otherwise the console adapter with a local fleet, like
 * Hubot's shell. `--no-drive` leaves driving rollouts to a separate `dten control`.
 */
export async function botCommand(argv: string[], config: Config, log: Logger): Promise<number> {
  const unknown = argv.filter((arg) => arg !== '--no-drive');
  if (unknown.length > 0)
    throw new UserError('usage', { problem: `Usage: ${BOT_USAGE}; "${unknown[0]}" is not an option` });
  if (!config.slackBotToken) {
    // Log lines would drown the conversation on a terminal: the console logs warnings and worse unless told otherwise.
    const quiet = config.logLevel === 'info' ? log.child({}, { level: 'warn' }) : log;
    return runConsoleBot(config, quiet, { input: process.stdin, output: process.stdout });
  }
  if (!config.jobKey) {
    throw new UserError('config-missing', {
      variable: 'DTEN_JOB_KEY',
      why: 'the bot signs the jobs of the rollouts it plans',
    });
  }
  const drive = !argv.includes('--no-drive');
  // Where the control plane runs, so do the remote agents' downloads; first, so a bad setting stops the start early.
  const packages = drive ? await servePackagesToAgents(config, log.child({ role: 'package-store' })) : undefined;
  const slack = await startSlackBot(config, log.child({ role: 'bot' }), { drive }).catch(async (error: unknown) => {
    await packages?.close();
    throw error;
  });
  log.info({ mode: slack.mode, port: slack.port }, 'slack bot ready');
  await waitForStopSignal();
  await closeWithinGrace([slack.close(), packages?.close()]);
  log.info('slack bot stopped');
  return 0;
}
