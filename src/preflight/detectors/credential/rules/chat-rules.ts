import { defineRule } from '../credential-rule.js';

const UUID = '[a-z0-9]{8}-(?:[a-z0-9]{4}-){3}[a-z0-9]{12}';

/** Slack, Microsoft Teams and webhook URLs that let anyone post. */
export const CHAT_RULES = [
  defineRule('slack-token', 'Slack', 'bot token', ['xoxb-'], /\b(xoxb-[0-9]{8,14}-[a-zA-Z0-9-]{18,200})/),
  defineRule(
    'slack-token',
    'Slack',
    'user token',
    ['xoxp-', 'xoxe-'],
    /\b(xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9-]{28,34})/,
  ),
  defineRule('slack-token', 'Slack', 'app-level token', ['xapp-'], /\b(xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+)\b/i),
  defineRule(
    'slack-token',
    'Slack',
    'configuration token',
    ['xoxe.xox', 'xoxe-'],
    /\b(xoxe\.xox[bp]-\d-[A-Z0-9]{163,166}|xoxe-\d-[A-Z0-9]{146})\b/i,
  ),
  defineRule(
    'slack-token',
    'Slack',
    'legacy token',
    ['xoxa-', 'xoxr-', 'xoxo-', 'xoxs-'],
    /\b(xox[ar]-(?:\d-)?[0-9a-zA-Z]{8,48}(?:-[0-9a-zA-Z]{8,48})*|xox[os]-\d+-\d+-\d+-[a-fA-F\d]+)\b/,
    { minEntropy: 2.5 },
  ),
  defineRule(
    'slack-webhook',
    'Slack',
    'incoming webhook URL',
    ['hooks.slack.com'],
    /\b(hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{43,56})/i,
  ),
  defineRule(
    'teams-webhook',
    'Microsoft Teams',
    'incoming webhook URL',
    ['webhook.office.com'],
    new RegExp(
      `(https://[a-z0-9]+\\.webhook\\.office\\.com/webhookb2/${UUID}@${UUID}/IncomingWebhook/[a-z0-9]{32}/${UUID})`,
      'i',
    ),
  ),
];
