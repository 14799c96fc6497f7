import type { webApi } from '@slack/bolt';
import type { ChatSurface, MessageRef } from '../commands/chat-surface.js';
import { createEditCoalescer } from '../commands/create-edit-coalescer.js';
import type { SlackMessage } from '../messages/block-kit/slack-message.js';
import { slackRetryAfterMs } from './slack-retry-after-ms.js';

export interface SlackSurface extends ChatSurface {
  /** Resolves when every edit asked for has been sent (before the process exits). */
  flush(): Promise<void>;
}

export interface SlackSurfaceOptions {
  /**
   * The client for `chat.update`; default `client`. Give it one with `rejectRateLimitedCalls: true` so that a 429
   * on progress edits waits here, sending only the newest content, instead of pausing every call of `client`.
   */
  editClient?: webApi.WebClient;
  /** Least time between two edits of one message (default 1,000 ms; chat.update is Tier 3, ~50 a minute). */
  editIntervalMs?: number;
}

/**
 * The command layer's chat surface over the Slack Web API. Edits of one message are coalesced and rate-limited:
 * only the newest content is sent, about once a second, and a rate limit delays the final revision but never
 * drops it.
 */
export function createSlackSurface(client: webApi.WebClient, options: SlackSurfaceOptions = {}): SlackSurface {
  const editClient = options.editClient ?? client;
  const edits = createEditCoalescer<{ ref: MessageRef; message: SlackMessage }>({
    intervalMs: options.editIntervalMs ?? 1_000,
    retryAfterMs: slackRetryAfterMs,
    async send(_key, { ref, message }) {
      await editClient.chat.update({ channel: ref.channel, ts: ref.ts, text: message.text, blocks: message.blocks });
    },
  });
  return {
    async post(channel, message, postOptions = {}) {
      const posted = await client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        ...(postOptions.threadTs === undefined ? {} : { thread_ts: postOptions.threadTs }),
      });
      // A channel given by name comes back as its id, which chat.update needs.
      return { channel: posted.channel ?? channel, ts: posted.ts ?? '' };
    },
    update(ref, message) {
      return edits.edit(`${ref.channel}/${ref.ts}`, { ref, message });
    },
    async whisper(channel, user, message) {
      await client.chat.postEphemeral({ channel, user, text: message.text, blocks: message.blocks });
    },
    async upload(channel, files, uploadOptions = {}) {
      await client.filesUploadV2({
        channel_id: channel,
        ...(uploadOptions.threadTs === undefined ? {} : { thread_ts: uploadOptions.threadTs }),
        ...(uploadOptions.comment === undefined ? {} : { initial_comment: uploadOptions.comment }),
        file_uploads: files.map((file) => ({
          content: file.content,
          filename: file.filename,
          ...(file.title === undefined ? {} : { title: file.title }),
        })),
      });
    },
    async publishHome(user, blocks) {
      await client.views.publish({ user_id: user, view: { type: 'home', blocks } });
    },
    flush: () => edits.flush(),
  };
}
