import type { App } from '@slack/bolt';
import { buildHomeView } from '../commands/build-home-view.js';
import type { ChatContext } from '../commands/chat-context.js';
import { newErrorRef } from '../core/errors/new-error-ref.js';

/** Opening the app's Home tab publishes the current view of active and recent rollouts for that user. */
export function listenForHome(app: App, ctx: ChatContext): void {
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    try {
      await ctx.surface.publishHome(event.user, await buildHomeView(ctx, event.user));
    } catch (error) {
      ctx.log.error({ err: error, ref: newErrorRef(), user: event.user }, 'could not publish the Home tab');
    }
  });
}
