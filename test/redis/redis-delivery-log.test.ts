import { describe, expect, it } from 'vitest';
import { createRedisDeliveryLog } from '../../src/redis/create-redis-delivery-log.js';
import { deleteKeysUnder, freshPrefix, keysUnder, useFreshRedis } from '../bullmq/redis-test.js';

const HOUR_MS = 60 * 60 * 1_000;

const fresh = useFreshRedis();

describe('the Slack delivery log in Redis', () => {
  it('when two replicas are given the same delivery, only the first handles it; other deliveries pass', async () => {
    const replicaA = createRedisDeliveryLog({ redis: fresh.redis, prefix: fresh.prefix });
    const replicaB = createRedisDeliveryLog({ redis: fresh.redis, prefix: fresh.prefix });
    expect(await replicaA.firstTime('trigger:1234.5678')).toBe(true);
    expect(await replicaB.firstTime('trigger:1234.5678')).toBe(false);
    expect(await replicaA.firstTime('trigger:1234.5678')).toBe(false);
    expect(await replicaB.firstTime('event:Ev0OTHER')).toBe(true);
  });

  it('keeps a delivery under the installation prefix, and only for the retention (an hour unless told)', async () => {
    await createRedisDeliveryLog({ redis: fresh.redis, prefix: fresh.prefix }).firstTime('event:Ev0KEPT');
    await createRedisDeliveryLog({ redis: fresh.redis, prefix: fresh.prefix, retainMs: 5_000 }).firstTime(
      'event:Ev0SHORT',
    );
    expect(await keysUnder(fresh.redis, fresh.prefix)).toEqual([
      `${fresh.prefix}:slack:delivery:event:Ev0KEPT`,
      `${fresh.prefix}:slack:delivery:event:Ev0SHORT`,
    ]);
    const kept = await fresh.redis.pttl(`${fresh.prefix}:slack:delivery:event:Ev0KEPT`);
    expect(kept).toBeGreaterThan(HOUR_MS - 60_000);
    expect(kept).toBeLessThanOrEqual(HOUR_MS);
    const short = await fresh.redis.pttl(`${fresh.prefix}:slack:delivery:event:Ev0SHORT`);
    expect(short).toBeGreaterThan(0);
    expect(short).toBeLessThanOrEqual(5_000);
  });

  it('another installation (another fresh.prefix) on the same Redis sees its own deliveries', async () => {
    const other = freshPrefix();
    try {
      expect(
        await createRedisDeliveryLog({ redis: fresh.redis, prefix: fresh.prefix }).firstTime('trigger:shared'),
      ).toBe(true);
      expect(await createRedisDeliveryLog({ redis: fresh.redis, prefix: other }).firstTime('trigger:shared')).toBe(
        true,
      );
    } finally {
      await deleteKeysUnder(fresh.redis, other);
    }
  });
});
