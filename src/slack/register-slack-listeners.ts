import type { App } from '@slack/bolt';
import type { ChatContext } from '../commands/chat-context.js';
import type { DeliveryLog } from './delivery-log.js';
import { ignoreRepeatedDeliveries } from './ignore-repeated-deliveries.js';
import { listenForApprovalClicks } from './listen-for-approval-clicks.js';
import { listenForCommand } from './listen-for-command.js';
import { listenForHome } from './listen-for-home.js';

/** Wires Slack to the command layer: repeated deliveries dropped, then the command, the approval buttons, Home. */
export function registerSlackListeners(app: App, ctx: ChatContext, deliveries: DeliveryLog): void {
  app.use(ignoreRepeatedDeliveries(deliveries, ctx.log.child({ component: 'slack' })));
  listenForCommand(app, ctx);
  listenForApprovalClicks(app, ctx);
  listenForHome(app, ctx);
}
