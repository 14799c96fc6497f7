import { beforeEach, describe, expect, it } from 'vitest';
import { RolloutConflict } from '../../src/control/rollout-conflict.js';
import type { RolloutStore } from '../../src/control/rollout-store.js';
import { createRedisRolloutStore } from '../../src/redis/create-redis-rollout-store.js';
import { deleteKeysUnder, useFreshRedis } from '../bullmq/redis-test.js';
import { rolloutIn } from '../rollout-core/rollout-fixtures.js';

const fresh = useFreshRedis();
let replicaA: RolloutStore;
let replicaB: RolloutStore;

beforeEach(() => {
  // Two stores on one Redis, as two control-plane or bot replicas would be.
  replicaA = createRedisRolloutStore(fresh);
  replicaB = createRedisRolloutStore(fresh);
});

describe('the rollout store in Redis', () => {
  it('gives every replica the newest rollout, even one it read before another replica changed it', async () => {
    const rollout = rolloutIn('running');
    await replicaA.create(rollout);
    expect((await replicaA.get(rollout.id))?.state).toBe('running');
    await replicaB.update(rollout.id, (r) => ({ ...r, state: 'paused' }));
    expect((await replicaA.get(rollout.id))?.state).toBe('paused');
  });

  it("applies a change to the stored rollout, not to the copy a replica last saw, so no replica's change is lost", async () => {
    const rollout = rolloutIn('running', { window: { start: '2024-05-01T22:00:00.000Z', durationMinutes: 60 } });
    await replicaA.create(rollout);
    await replicaA.get(rollout.id);
    await replicaB.update(rollout.id, (r) => ({ ...r, window: { ...r.window, durationMinutes: 90 } }));
    const changed = await replicaA.update(rollout.id, (r) => ({ ...r, state: 'paused' }));
    expect(changed).toMatchObject({ state: 'paused', window: { durationMinutes: 90 } });
    expect(await replicaB.get(rollout.id)).toEqual(changed);
  });

  it('answers a rollout that is not there as missing, and refuses to create one twice', async () => {
    expect(await replicaA.get('r-missing')).toBeUndefined();
    await expect(replicaA.update('r-missing', (r) => r)).rejects.toBeInstanceOf(RolloutConflict);
    const rollout = rolloutIn('draft');
    await replicaA.create(rollout);
    await expect(replicaB.create(rollout)).rejects.toBeInstanceOf(RolloutConflict);
  });

  it('forgets a rollout whose keys were deleted', async () => {
    const rollout = rolloutIn('done');
    await replicaA.create(rollout);
    expect(await replicaA.get(rollout.id)).toBeDefined();
    await deleteKeysUnder(fresh.redis, fresh.prefix);
    expect(await replicaA.get(rollout.id)).toBeUndefined();
  });
});
