import type { SlackAnswer } from './fake-slack-types.js';

/** Slack's error answer: HTTP 200 with `ok: false` and a snake_case code. */
export function slackError(error: string, extra: Record<string, unknown> = {}): SlackAnswer {
  return { ok: false, error, ...extra };
}
