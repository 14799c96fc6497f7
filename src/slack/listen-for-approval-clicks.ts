import type { App, BlockButtonAction } from '@slack/bolt';
import type { ChatContext } from '../commands/chat-context.js';
import { pressButton } from '../commands/press-button.js';
import { APPROVE_ACTION_ID, REJECT_ACTION_ID } from '../messages/chat/approval/approval-action-ids.js';
import { createRequestSurface } from './create-request-surface.js';

/**
 * Approve and Reject on an approval card: acknowledged at once, then decided by the command layer; a refusal reaches
 * the clicker through the click's response_url where the bot is not in the channel.
 */
export function listenForApprovalClicks(app: App, ctx: ChatContext): void {
  for (const actionId of [APPROVE_ACTION_ID, REJECT_ACTION_ID]) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      const channel = body.channel?.id ?? (body.container as { channel_id?: string }).channel_id;
      const ts = body.message?.ts ?? (body.container as { message_ts?: string }).message_ts;
      if (channel === undefined || ts === undefined) {
        ctx.log.warn({ actionId, user: body.user.id }, 'an approval click came without its message');
        return;
      }
      const press = { user: body.user.id, actionId, value: action.value, message: { channel, ts } };
      await pressButton({ ...ctx, surface: createRequestSurface(ctx.surface, respond, ctx.log) }, press);
    });
  }
}
