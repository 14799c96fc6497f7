import { escapeMrkdwn } from '../escape-mrkdwn.js';

const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;
const SLACK_DM_ID = /^D[A-Z0-9]{2,}$/;

/** A Slack channel id as a link Slack shows as its name; a direct message as words; any other id as escaped text. */
export function mentionChannel(id: string): string {
  if (SLACK_CHANNEL_ID.test(id)) return `<#${id}>`;
  return SLACK_DM_ID.test(id) ? 'this direct message' : escapeMrkdwn(id);
}
