import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../logger.js';
import type { DeliveryLog } from './create-delivery-log.js';
import { deliveryId } from './delivery-id.js';

/**
 * Global Bolt middleware: a delivery already handled (Slack's retry, X-Slack-Retry-Num, or a replay) is
 * acknowledged and goes no further. Bolt itself does not deduplicate.
 */
export function ignoreRepeatedDeliveries(deliveries: DeliveryLog, log: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const id = deliveryId(args.body);
    if (id === undefined || deliveries.firstTime(id)) return args.next();
    log.info({ delivery: id, retryNum: args.context.retryNum }, 'ignored a repeated Slack delivery');
    if ('ack' in args && typeof args.ack === 'function') await args.ack();
  };
}
