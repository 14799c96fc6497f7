import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { webApi } from '@slack/bolt';
import { UserError } from '../core/errors/user-error.js';
import { packageTooLargeReason } from '../messages/package-too-large-reason.js';
import { copyHashing, CopyTooLarge } from '../package-store/copy-hashing.js';
import { isSlackFileUrl } from './is-slack-file-url.js';

/**
 * Downloads a file shared in Slack (files.info, then `url_private_download` with the bot token) into `destDir`,
 * refusing more than `maxBytes`. The token is sent only to Slack's own file host (or the configured API's origin).
 * Returns the local path.
 */
export async function downloadSlackFile(
  client: webApi.WebClient,
  fileId: string,
  destDir: string,
  maxBytes: number,
): Promise<string> {
  const { file } = await client.files.info({ file: fileId });
  const name = file?.name ?? fileId;
  const refuse = (reason: string): UserError => new UserError('package-unavailable', { reference: name, reason });
  const url = file?.url_private_download;
  if (url === undefined) throw refuse('Slack gave no download link for it');
  if ((file?.size ?? 0) > maxBytes) throw refuse(packageTooLargeReason(maxBytes));
  if (!isSlackFileUrl(url, client.slackApiUrl)) throw refuse('its download link is not on Slack');
  const response = await fetch(url, { headers: { authorization: `Bearer ${client.token ?? ''}` } });
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw refuse(`Slack answered ${response.status} to the download`);
  }
  if ((response.headers.get('content-type') ?? '').startsWith('text/html')) {
    await response.body.cancel();
    throw refuse('Slack sent its sign-in page instead (the app needs the files:read scope)');
  }
  const path = join(destDir, safeFileName(name));
  try {
    // The package store's own copy: a new file only, counted as it streams (declared sizes can lie).
    await copyHashing(Readable.fromWeb(response.body), path, maxBytes);
  } catch (error) {
    await rm(path, { force: true });
    if (error instanceof CopyTooLarge) throw refuse(packageTooLargeReason(maxBytes));
    // A local failure (a full disk) names the file it failed on and is dten's to report; a broken transfer is not.
    if ((error as NodeJS.ErrnoException).path !== undefined) throw error;
    throw refuse(`the download from Slack broke off part-way (${brokenBecause(error)}); share it again or try again`);
  }
  return path;
}

/** undici reports a dropped body as `terminated`, with the socket's reason as its cause. */
function brokenBecause(error: unknown): string {
  const { message, cause } = error as { message?: string; cause?: { message?: string; code?: string } };
  return [message, cause?.code ?? cause?.message].filter((part) => part !== undefined && part !== '').join(': ');
}

/** A name safe in one directory: no separators, no leading dot, only plain characters. */
function safeFileName(name: string): string {
  const plain = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '');
  return plain === '' ? 'shared.zip' : plain.slice(0, 200);
}
