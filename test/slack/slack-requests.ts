import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'dten-test-signing-secret-0123456789';

/**
 * A request as Slack sends it to /slack/events: signed `v0=` HMAC-SHA256 over `v0:{timestamp}:{body}`, the body a
 * string with its content type set exactly (Bolt refuses `; charset=utf-8` on forms).
 */
export function sendSigned(
  url: string,
  body: string,
  options: { contentType?: string; timestamp?: number; secret?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', options.secret ?? SIGNING_SECRET)
    .update(`v0:${timestamp}:${body}`)
    .digest('hex');
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': `v0=${signature}`,
      ...options.headers,
    },
    body,
  });
}

const TEAM = 'T0DTEN';

/** The form Slack posts for `/dten <text>`; `responseUrl` from the fake (`api.responseUrl`) when a test needs it. */
export function slashCommandBody(
  text: string,
  user: string,
  channel: string,
  triggerId: string,
  responseUrl = 'https://hooks.slack.com/commands/T0DTEN/1/x',
): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: TEAM,
    team_domain: 'dten-test',
    channel_id: channel,
    channel_name: 'ops',
    user_id: user,
    user_name: user.toLowerCase(),
    command: '/dten',
    text,
    api_app_id: 'A0DTEN',
    response_url: responseUrl,
    trigger_id: triggerId,
  }).toString();
}

/** The form Slack posts when a button on a message is clicked: one field, `payload`, holding JSON. */
export function buttonClickBody(
  click: { user: string; channel: string; ts: string; actionId: string; value: string; responseUrl?: string },
  triggerId: string,
): string {
  const payload = {
    type: 'block_actions',
    user: { id: click.user, username: click.user.toLowerCase(), team_id: TEAM },
    api_app_id: 'A0DTEN',
    token: 'deprecated-verification-token',
    container: { type: 'message', message_ts: click.ts, channel_id: click.channel, is_ephemeral: false },
    trigger_id: triggerId,
    team: { id: TEAM, domain: 'dten-test' },
    channel: { id: click.channel, name: 'ops' },
    message: { type: 'message', ts: click.ts, text: 'approval card', blocks: [] },
    response_url: click.responseUrl ?? 'https://hooks.slack.com/actions/T0DTEN/1/x',
    actions: [
      {
        type: 'button',
        action_id: click.actionId,
        block_id: 'dten-approval',
        text: { type: 'plain_text', text: 'Approve' },
        value: click.value,
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** The JSON Slack posts when someone opens the app's Home tab. */
export function homeOpenedBody(user: string, eventId: string): string {
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: TEAM,
    api_app_id: 'A0DTEN',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'app_home_opened', user, channel: 'D0DTEN', tab: 'home', event_ts: String(Date.now() / 1000) },
  });
}
