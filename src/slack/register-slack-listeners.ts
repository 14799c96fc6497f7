import type { App, webApi } from '@slack/bolt';
import type { ChatContext } from '../commands/chat-context.js';
import { createDeliveryLog, type DeliveryLog } from './create-delivery-log.js';
import { ignoreRepeatedDeliveries } from './ignore-repeated-deliveries.js';
import { listenForApprovalClicks } from './listen-for-approval-clicks.js';
import { listenForCommand } from './listen-for-command.js';
import { listenForHome } from './listen-for-home.js';

export interface SlackListenerOptions {
  /** Default: in memory for this process. */
  deliveries?: DeliveryLog;
  /** The slash command as the app's manifest names it (default `/dten`). */
  command?: string;
}

/** Wires Slack to the command layer: repeated deliveries dropped, then the command, the approval buttons, Home. */
export function registerSlackListeners(
  app: App,
  ctx: ChatContext,
  client: webApi.WebClient,
  options: SlackListenerOptions = {},
): void {
  app.use(ignoreRepeatedDeliveries(options.deliveries ?? createDeliveryLog(), ctx.log.child({ component: 'slack' })));
  listenForCommand(app, ctx, client, options.command);
  listenForApprovalClicks(app, ctx);
  listenForHome(app, ctx);
}
