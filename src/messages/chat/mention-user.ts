import { escapeMrkdwn } from '../escape-mrkdwn.js';

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

/** A Slack user id as a mention; any other id (console user, CLI) as escaped text, so it can ping nobody. */
export function mentionUser(id: string): string {
  return SLACK_USER_ID.test(id) ? `<@${id}>` : escapeMrkdwn(id);
}
