import { readFileSync } from 'node:fs';

export interface SlackManifest {
  features: {
    app_home: { home_tab_enabled: boolean };
    slash_commands: { command: string; url?: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled: boolean;
  };
}

/** One of the app manifests in slack/, as a Slack admin pastes it. */
export function readSlackManifest(name: 'manifest.json' | 'manifest.socket-mode.json'): SlackManifest {
  return JSON.parse(readFileSync(new URL(`../../slack/${name}`, import.meta.url), 'utf8')) as SlackManifest;
}
