import { webApi } from '@slack/bolt';
import { startBot, type Bot, type BotOptions } from '../bot/start-bot.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createRedisDeliveryLog } from '../redis/create-redis-delivery-log.js';
import { createBoltLogger } from './create-bolt-logger.js';
import { createSlackApp, slackClientOptions } from './create-slack-app.js';
import { createSlackApprovers } from './create-slack-approvers.js';
import { createSlackFileDownloader } from './create-slack-file-downloader.js';
import type { SlackDownloadTimeouts } from './download-slack-file.js';
import { createSlackSurface } from './create-slack-surface.js';
import { registerSlackListeners } from './register-slack-listeners.js';
import { readSlackSettings } from './slack-settings.js';

export interface SlackBot {
  bot: Bot;
  mode: 'socket' | 'http';
  /** HTTP mode: the port /slack/events listens on. */
  port?: number;
  /** Stops taking requests, sends the edits still waiting, then closes the bot. */
  close(): Promise<void>;
}

/**
 * `dten bot` with Slack: the Bolt app (Socket Mode or HTTP), the Slack surface with coalesced edits, approvers with
 * user groups, shared zips downloaded with the bot token, and the bot's command layer behind the listeners, with
 * repeated deliveries recognised across replicas through Redis.
 */
export async function startSlackBot(
  config: Config,
  log: Logger,
  options: Pick<BotOptions, 'drive' | 'sweepMs'> & {
    editIntervalMs?: number;
    /** How long a shared zip's download may wait on a silent Slack; default: downloadSlackFile's. */
    downloadTimeouts?: SlackDownloadTimeouts;
    /** How long a Web API call may go unanswered before it is retried; default SLACK_API_TIMEOUT_MS. */
    apiTimeoutMs?: number;
  } = {},
): Promise<SlackBot> {
  const settings = readSlackSettings(config);
  const { downloadTimeouts, apiTimeoutMs, ...botOptions } = options;
  const slack = await createSlackApp(settings, log, apiTimeoutMs === undefined ? {} : { apiTimeoutMs });
  const client = slack.app.client;
  // Edits get their own client that does not wait out a 429 itself: the surface waits and sends only the newest.
  const editClient = new webApi.WebClient(settings.botToken, {
    ...slackClientOptions(settings, apiTimeoutMs),
    logger: createBoltLogger(log.child({ component: 'slack' })),
    rejectRateLimitedCalls: true,
  });
  const surface = createSlackSurface(client, {
    editClient,
    ...(options.editIntervalMs === undefined ? {} : { editIntervalMs: options.editIntervalMs }),
  });
  const bot = await startBot(config, log, surface, {
    ...botOptions,
    approvers: createSlackApprovers(client, config.chat, log),
    downloadShared: createSlackFileDownloader(client, config.archiveLimits.maxTotalBytes, downloadTimeouts),
  });
  try {
    // In Redis, so that a retry load-balanced to another replica is recognised too.
    const deliveries = createRedisDeliveryLog({ redis: bot.redis, prefix: config.queuePrefix });
    registerSlackListeners(slack.app, bot.ctx, deliveries);
    const { port } = await slack.start();
    log.info({ mode: slack.mode, port }, 'dten is listening to Slack');
    return {
      bot,
      mode: slack.mode,
      ...(port === undefined ? {} : { port }),
      async close() {
        await slack.stop();
        await bot.close();
        await surface.flush();
      },
    };
  } catch (error) {
    await bot.close();
    throw error;
  }
}
