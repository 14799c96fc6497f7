import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { webApi } from '@slack/bolt';
import { UserError } from '../core/errors/user-error.js';
import { slackDownloadReason, type SlackDownloadProblem } from '../messages/slack-download-reason.js';
import { copyHashing, CopyTooLarge } from '../package-store/copy-hashing.js';
import { createSilenceAlarm } from './create-silence-alarm.js';
import { isSlackFileUrl } from './is-slack-file-url.js';

/** How long a download from Slack may stay silent before the person is told Slack stopped answering. */
export interface SlackDownloadTimeouts {
  /** Until Slack answers the download (its response headers); default 30 s. */
  headersTimeoutMs?: number;
  /** Between two pieces of the body once it flows; default 60 s, as for the package store. */
  idleTimeoutMs?: number;
}

/**
 * Downloads a file shared in Slack (files.info, then `url_private_download` with the bot token) into `destDir`,
 * refusing more than `maxBytes`, and giving up when Slack goes silent (`timeouts`). The token is sent only to Slack's
 * own file host (or the configured API's origin). Returns the local path.
 */
export async function downloadSlackFile(
  client: webApi.WebClient,
  fileId: string,
  destDir: string,
  maxBytes: number,
  timeouts: SlackDownloadTimeouts = {},
): Promise<string> {
  const { headersTimeoutMs = 30_000, idleTimeoutMs = 60_000 } = timeouts;
  const { file } = await client.files.info({ file: fileId });
  const name = file?.name ?? fileId;
  const refuse = (problem: SlackDownloadProblem): UserError =>
    new UserError('package-unavailable', { reference: name, reason: slackDownloadReason(problem) });
  const url = file?.url_private_download;
  if (url === undefined) throw refuse({ kind: 'no-link' });
  if ((file?.size ?? 0) > maxBytes) throw refuse({ kind: 'too-large', maxBytes });
  if (!isSlackFileUrl(url, client.slackApiUrl)) throw refuse({ kind: 'link-not-on-slack' });
  const alarm = createSilenceAlarm();
  try {
    alarm.arm(headersTimeoutMs);
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${client.token ?? ''}` },
      signal: alarm.signal,
    }).catch((error: unknown) => {
      throw refuse(
        alarm.signal.aborted
          ? { kind: 'silent', when: 'before-answer', waitedMs: headersTimeoutMs }
          : { kind: 'unreachable', detail: unreachableBecause(error) },
      );
    });
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw refuse({ kind: 'status', status: response.status });
    }
    if ((response.headers.get('content-type') ?? '').startsWith('text/html')) {
      await response.body.cancel();
      throw refuse({ kind: 'sign-in-page' });
    }
    const path = join(destDir, safeFileName(name));
    try {
      // The package store's own copy: a new file only, counted as it streams (declared sizes can lie).
      await copyHashing(Readable.fromWeb(alarm.watch(response.body, idleTimeoutMs)), path, maxBytes);
    } catch (error) {
      await rm(path, { force: true });
      if (error instanceof CopyTooLarge) throw refuse({ kind: 'too-large', maxBytes });
      // A local failure (a full disk) names the file it failed on and is dten's to report; a broken transfer is not.
      if ((error as NodeJS.ErrnoException).path !== undefined) throw error;
      if (alarm.signal.aborted) throw refuse({ kind: 'silent', when: 'part-way', waitedMs: idleTimeoutMs });
      throw refuse({ kind: 'broke-off', detail: brokenBecause(error) });
    }
    return path;
  } finally {
    alarm.stop();
  }
}

/** undici reports a dropped body as `terminated`, with the socket's reason as its cause. */
function brokenBecause(error: unknown): string {
  const { message, cause } = error as { message?: string; cause?: { message?: string; code?: string } };
  return [message, cause?.code ?? cause?.message].filter((part) => part !== undefined && part !== '').join(': ');
}

/** fetch rejects with "fetch failed"; what happened is its cause ("other side closed", "connect ECONNREFUSED …"). */
function unreachableBecause(error: unknown): string {
  const { message, cause } = error as { message?: string; cause?: { message?: string; code?: string } };
  return cause?.message || cause?.code || message || 'no reason given';
}

/** A name safe in one directory: no separators, no leading dot, only plain characters. */
function safeFileName(name: string): string {
  const plain = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '');
  return plain === '' ? 'shared.zip' : plain.slice(0, 200);
}
