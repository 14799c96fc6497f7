import type { AddressInfo } from 'node:net';
import { App, webApi } from '@slack/bolt';
import { UserError } from '../core/errors/user-error.js';
import type { Logger } from '../logger.js';
import { createBoltLogger } from './create-bolt-logger.js';
import type { SlackSettings } from './slack-settings.js';
import { newErrorRef } from '../core/errors/new-error-ref.js';

export interface SlackApp {
  app: App;
  mode: 'socket' | 'http';
  /** Starts receiving: HTTP resolves with the port it listens on (PORT 0 picks a free one). */
  start(): Promise<{ port?: number }>;
  stop(): Promise<void>;
}

/**
 * How long one Slack Web API call may go unanswered before it is given up and retried (the client's retry policy):
 * without it a call Slack never answers would hold that message, or that answer, for ever.
 */
export const SLACK_API_TIMEOUT_MS = 30_000;

/** What every Web API client of the bot is built with: the configured API, and the timeout (default above). */
export function slackClientOptions(settings: SlackSettings, apiTimeoutMs = SLACK_API_TIMEOUT_MS) {
  return { ...(settings.apiUrl === undefined ? {} : { slackApiUrl: settings.apiUrl }), timeout: apiTimeoutMs };
}

/**
 * The Bolt app: Socket Mode when an app-level token is set, otherwise HTTP at /slack/events (plus GET /healthz)
 * with signature checks. The bot token is verified with auth.test here, so a wrong one stops start-up with a
 * sentence; listeners are added by the caller.
 */
export async function createSlackApp(
  settings: SlackSettings,
  log: Logger,
  options: { apiTimeoutMs?: number } = {},
): Promise<SlackApp> {
  const slackLog = log.child({ component: 'slack' });
  const socket = settings.appToken !== undefined;
  const app = new App({
    token: settings.botToken,
    logger: createBoltLogger(slackLog),
    clientOptions: slackClientOptions(settings, options.apiTimeoutMs),
    deferInitialization: true,
    ...(socket
      ? { socketMode: true, appToken: settings.appToken }
      : {
          signingSecret: settings.signingSecret ?? '',
          port: settings.port,
          customRoutes: [
            { path: '/healthz', method: 'GET', handler: (_request, response) => response.writeHead(200).end('ok') },
          ],
        }),
  });
  try {
    await app.init();
  } catch (error) {
    if (!(error instanceof webApi.WebAPIPlatformError)) throw error;
    throw new UserError('config-invalid', {
      variable: 'SLACK_BOT_TOKEN',
      problem: `Slack refused it (${error.data.error}); copy the Bot User OAuth Token of the installed app`,
    });
  }
  app.error(async (error) => {
    const ref = newErrorRef();
    slackLog.error({ err: error, ref }, 'a Slack request failed');
    return Promise.resolve();
  });
  return {
    app,
    mode: socket ? 'socket' : 'http',
    async start() {
      const started: unknown = await app.start(settings.port);
      if (socket) return {};
      const address = (started as { address(): AddressInfo | string | null }).address();
      return typeof address === 'object' && address !== null ? { port: address.port } : {};
    },
    async stop() {
      await app.stop();
    },
  };
}
