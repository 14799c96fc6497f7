import type { Config } from '../config.js';
import { UserError } from '../core/errors/user-error.js';

/** What the Slack transport needs from the configuration; tokens and secret are never logged. */
export interface SlackSettings {
  botToken: string;
  /** Socket Mode: an app-level token (xapp-…, scope connections:write). */
  appToken?: string;
  /** HTTP mode: verifies every request's signature. */
  signingSecret?: string;
  apiUrl?: string;
  port: number;
}

/** The Slack settings, or a sentence naming the variable that is missing. */
export function readSlackSettings(config: Config): SlackSettings {
  const { slackBotToken: botToken, slackAppToken: appToken, slackSigningSecret: signingSecret } = config;
  if (botToken === undefined) {
    throw new UserError('config-missing', { variable: 'SLACK_BOT_TOKEN', why: 'the Slack bot needs it to post' });
  }
  if (appToken === undefined && signingSecret === undefined) {
    throw new UserError('config-missing', {
      variable: 'SLACK_SIGNING_SECRET',
      why: 'HTTP mode needs it to verify requests (or set SLACK_APP_TOKEN to use Socket Mode)',
    });
  }
  return {
    botToken,
    ...(appToken === undefined ? {} : { appToken }),
    ...(signingSecret === undefined ? {} : { signingSecret }),
    ...(config.slackApiUrl === undefined ? {} : { apiUrl: config.slackApiUrl }),
    port: config.port,
  };
}
