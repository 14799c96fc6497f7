import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { webApi } from '@slack/bolt';
import type { SharedFileDownloader } from '../bot/create-package-resolver.js';
import { downloadSlackFile, type SlackDownloadTimeouts } from './download-slack-file.js';

/** The package resolver's way to fetch a zip shared in Slack: into a temporary folder it removes afterwards. */
export function createSlackFileDownloader(
  client: webApi.WebClient,
  maxBytes: number,
  timeouts: SlackDownloadTimeouts = {},
): SharedFileDownloader {
  return async (file) => {
    const dir = await mkdtemp(join(tmpdir(), 'dten-slack-'));
    const remove = () => rm(dir, { recursive: true, force: true });
    try {
      return { path: await downloadSlackFile(client, file.id, dir, maxBytes, timeouts), remove };
    } catch (error) {
      await remove();
      throw error;
    }
  };
}
