/**
 * Whether a file URL may receive the bot token: https on slack.com or a subdomain (files.slack.com), or the
 * origin of a configured Web API (`SLACK_API_URL`, e.g. a test server).
 */
export function isSlackFileUrl(url: string, slackApiUrl: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.origin === new URL(slackApiUrl).origin) return true;
  return parsed.protocol === 'https:' && (parsed.hostname === 'slack.com' || parsed.hostname.endsWith('.slack.com'));
}
