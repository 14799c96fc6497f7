import { LogLevel, retryPolicies, WebClient, type Logger } from '@slack/web-api';
import { FAKE_BOT_TOKEN } from './create-fake-slack-state.js';

/** Keeps WebClient's own logging (rate-limit notices, `[ERROR]` lines of refused blocks) out of test output. */
const QUIET: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

/** A real @slack/web-api WebClient pointed at the fake, retrying without its 30-minute backoff. */
export function createTestWebClient(api: { url: string }, token = FAKE_BOT_TOKEN): WebClient {
  return new WebClient(token, { slackApiUrl: api.url, logger: QUIET, retryConfig: retryPolicies.rapidRetryPolicy });
}
