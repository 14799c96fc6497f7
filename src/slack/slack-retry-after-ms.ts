import { webApi } from '@slack/bolt';

/** The wait a rate-limited Web API call was told (Retry-After), in ms; `undefined` for any other error. */
export function slackRetryAfterMs(error: unknown): number | undefined {
  if (error instanceof webApi.WebAPIRateLimitedError) return Math.max(1, error.retryAfter) * 1_000;
  return undefined;
}
