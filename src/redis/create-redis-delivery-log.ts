import type { Redis } from 'ioredis';
import type { DeliveryLog } from '../slack/delivery-log.js';

/** Slack retries an event up to three times within minutes; an hour's retention is plenty. */
const RETAIN_MS = 60 * 60 * 1_000;

/**
 * Handled deliveries as keys `<prefix>:slack:delivery:<id>`: SET NX is one atomic step, so of two replicas given the
 * same delivery exactly one sees it first; PX lets Redis forget it after the retention.
 */
export function createRedisDeliveryLog(options: { redis: Redis; prefix: string; retainMs?: number }): DeliveryLog {
  const { redis, prefix } = options;
  const retainMs = options.retainMs ?? RETAIN_MS;
  return {
    async firstTime(id) {
      return (await redis.set(`${prefix}:slack:delivery:${id}`, '1', 'PX', retainMs, 'NX')) === 'OK';
    },
  };
}
