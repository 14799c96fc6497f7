import { homeViewBlocks } from '../messages/chat/commands/home-view-blocks.js';
import type { KnownBlock } from '../messages/block-kit/types.js';
import type { ChatContext } from './chat-context.js';

/** The App Home tab: the same for everyone, active and recent rollouts with their state. */
export async function buildHomeView(ctx: ChatContext, user: string): Promise<KnownBlock[]> {
  ctx.log.debug({ user }, 'home view built');
  return homeViewBlocks(await ctx.control.store.list(40), ctx.now());
}
