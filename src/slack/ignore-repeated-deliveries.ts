import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../logger.js';
import type { DeliveryLog } from './delivery-log.js';
import { deliveryId } from './delivery-id.js';

/**
 * Global Bolt middleware: a delivery already handled (Slack's retry, X-Slack-Retry-Num, or a replay) is
 * acknowledged and goes no further. Bolt itself does not deduplicate. When the log cannot be asked, the delivery is
 * handled: running a command twice is better than dropping it.
 */
export function ignoreRepeatedDeliveries(deliveries: DeliveryLog, log: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const id = deliveryId(args.body);
    if (id === undefined) return args.next();
    const first = await deliveries.firstTime(id).catch((error: unknown) => {
      log.warn({ err: error, delivery: id }, 'could not check whether a Slack delivery is repeated; handling it');
      return true;
    });
    if (first) return args.next();
    log.info({ delivery: id, retryNum: args.context.retryNum }, 'ignored a repeated Slack delivery');
    if ('ack' in args && typeof args.ack === 'function') await args.ack();
  };
}
