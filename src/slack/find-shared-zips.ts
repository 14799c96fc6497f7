import type { webApi } from '@slack/bolt';
import type { SharedFile } from '../commands/command-request.js';

/** How far back a shared zip is looked for. */
const LOOK_BACK_SECONDS = 7 * 24 * 60 * 60;

/**
 * The zips this user shared in this channel (newest first, one per name) whose names the command mentions, e.g.
 * `preflight Full-upgrade-package-dten.zip`. No `.zip` word in the command, no call to Slack.
 */
export async function findSharedZips(
  client: webApi.WebClient,
  request: { text: string; user: string; channel: string },
  now: Date,
): Promise<SharedFile[]> {
  const named = new Set(request.text.split(/\s+/).filter((word) => /\.zip$/i.test(word)));
  if (named.size === 0) return [];
  const listed = await client.files.list({
    channel: request.channel,
    user: request.user,
    types: 'zips',
    ts_from: String(Math.floor(now.getTime() / 1000) - LOOK_BACK_SECONDS),
    count: 100,
  });
  const found = new Map<string, SharedFile>();
  const newestFirst = [...(listed.files ?? [])].sort((a, b) => (b.created ?? 0) - (a.created ?? 0));
  for (const file of newestFirst) {
    if (file.id && file.name && named.has(file.name) && !found.has(file.name)) {
      found.set(file.name, { id: file.id, name: file.name });
    }
  }
  return [...found.values()];
}
