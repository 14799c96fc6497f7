/** One line per CLI command, for `dten --help` and each command's usage error; no command module is loaded for them. */
export const PREFLIGHT_USAGE =
  'dten preflight <package.zip> [--json | --sarif] [--trust <ca.pem>]... [--inventory <file>] [--policy <file>] [--window <minutes>] [--all]';
export const AGENT_USAGE = 'dten agent --host <id> [--root <dir>] [--labels k=v,…]';
export const CONTROL_USAGE = 'dten control';
export const BOT_USAGE = 'dten bot [--no-drive]   (Slack when SLACK_BOT_TOKEN is set, else the console)';
