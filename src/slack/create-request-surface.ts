import { webApi, type RespondFn } from '@slack/bolt';
import type { ChatSurface } from '../commands/chat-surface.js';
import { UserError } from '../core/errors/user-error.js';
import type { Logger } from '../logger.js';

/** Slack's answers when the bot may not post in a conversation: never invited, or a private channel or DM it cannot see. */
const OUTSIDE = new Set(['not_in_channel', 'channel_not_found']);

function outsideCode(error: unknown): string | undefined {
  const code = error instanceof webApi.WebAPIPlatformError ? error.data.error : undefined;
  return code !== undefined && OUTSIDE.has(code) ? code : undefined;
}

/**
 * The Slack surface for one slash command or button click, whose `respond` posts to the request's response_url
 * (valid 30 minutes, 5 uses) and needs no channel membership. Where the bot is not in the channel, a private answer
 * goes through it instead of chat.postEphemeral, and a public post or upload becomes a UserError, so the person is
 * told to invite the bot.
 */
export function createRequestSurface(surface: ChatSurface, respond: RespondFn | undefined, log: Logger): ChatSurface {
  if (respond === undefined) return surface;
  const refuseOutside = (channel: string, error: unknown): never => {
    throw outsideCode(error) === undefined ? error : new UserError('not-in-channel', { channel });
  };
  return {
    ...surface,
    post: (channel, message, options) =>
      surface.post(channel, message, options).catch((error: unknown) => refuseOutside(channel, error)),
    upload: (channel, files, options) =>
      surface.upload(channel, files, options).catch((error: unknown) => refuseOutside(channel, error)),
    async whisper(channel, user, message) {
      try {
        await surface.whisper(channel, user, message);
      } catch (error) {
        const slackError = outsideCode(error);
        if (slackError === undefined) throw error;
        // replace_original: false, so that an answer to a click never replaces the card that was clicked.
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: message.text,
          blocks: message.blocks,
        }).catch((failure: unknown) => {
          log.warn({ err: failure, channel, user, slackError }, 'could not answer privately through the response_url');
        });
      }
    },
  };
}
