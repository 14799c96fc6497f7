import type { SlackMessage } from '../messages/block-kit/slack-message.js';
import type { KnownBlock } from '../messages/block-kit/types.js';

/** Where a posted message lives, so it can be edited in place. */
export interface MessageRef {
  channel: string;
  ts: string;
}

export interface ChatFile {
  filename: string;
  title?: string;
  content: string;
}

/**
 * What the command layer needs from a chat transport. Adapters: Slack (Web API, src/slack/) and the console
 * (src/console/). Every method may throw; the command layer catches per command and answers with a sentence.
 */
export interface ChatSurface {
  /** A message everyone in the channel sees (in a thread when `threadTs` is given). */
  post(channel: string, message: SlackMessage, options?: { threadTs?: string }): Promise<MessageRef>;
  /** Replaces a message posted earlier by `post`. */
  update(ref: MessageRef, message: SlackMessage): Promise<void>;
  /** A message only `user` sees (Slack: ephemeral); it cannot be edited later. */
  whisper(channel: string, user: string, message: SlackMessage): Promise<void>;
  /** Files attached in the channel (a report that did not fit in a message). */
  upload(channel: string, files: readonly ChatFile[], options?: { threadTs?: string; comment?: string }): Promise<void>;
  /** The user's App Home tab (Slack); a console shows it when asked. */
  publishHome(user: string, blocks: KnownBlock[]): Promise<void>;
}
