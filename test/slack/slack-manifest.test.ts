import { describe, expect, it } from 'vitest';
import { readSlackManifest } from './slack-manifest.js';

describe('the Slack app manifests in slack/', () => {
  it('HTTP: /dten, interactivity and app_home_opened all go to /slack/events, and the Home tab is on', () => {
    const manifest = readSlackManifest('manifest.json');
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(['/dten']);
    const urls = [
      manifest.features.slash_commands[0]?.url,
      manifest.settings.interactivity.request_url,
      manifest.settings.event_subscriptions.request_url,
    ];
    for (const url of urls) expect(url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it('Socket Mode: the same app with no request URLs', () => {
    const http = readSlackManifest('manifest.json');
    const socket = readSlackManifest('manifest.socket-mode.json');
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(socket)).not.toContain('url');
    expect(socket.oauth_config).toEqual(http.oauth_config);
    expect(socket.settings.event_subscriptions.bot_events).toEqual(http.settings.event_subscriptions.bot_events);
    expect(socket.features.slash_commands.map((c) => c.command)).toEqual(['/dten']);
  });

  it('asks for the scopes dten uses and no more', () => {
    // chat.postMessage/update/postEphemeral; posting in public channels it has not joined; /dten; files.list,
    // files.info and downloads; filesUploadV2; usergroups.users.list. The HTTP tests run with exactly these.
    expect(readSlackManifest('manifest.json').oauth_config.scopes.bot.sort()).toEqual([
      'chat:write',
      'chat:write.public',
      'commands',
      'files:read',
      'files:write',
      'usergroups:read',
    ]);
  });
});
