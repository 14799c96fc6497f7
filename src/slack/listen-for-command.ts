import type { App } from '@slack/bolt';
import type { ChatContext } from '../commands/chat-context.js';
import { runCommand } from '../commands/run-command.js';
import { commandReceivedText } from '../messages/chat/slack/command-received-text.js';
import { createRequestSurface } from './create-request-surface.js';
import { findSharedZips } from './find-shared-zips.js';

/**
 * `/dten …` (slack/manifest*.json): acknowledged at once (Slack waits 3 s), then run by the command layer, whose
 * private answers reach the person through the command's response_url where the bot is not in the channel.
 */
export function listenForCommand(app: App, ctx: ChatContext): void {
  app.command('/dten', async ({ command, ack, respond }) => {
    await ack({ response_type: 'ephemeral', text: commandReceivedText() });
    const request = { text: command.text, user: command.user_id, channel: command.channel_id };
    const files = await findSharedZips(app.client, request, ctx.now()).catch((error: unknown) => {
      ctx.log.warn({ err: error, user: request.user }, 'could not list the zips shared in the channel (files:read?)');
      return [];
    });
    await runCommand({ ...ctx, surface: createRequestSurface(ctx.surface, respond, ctx.log) }, { ...request, files });
  });
}
