import { beforeEach, describe, expect, it } from 'vitest';
import { HostsBusy } from '../../src/control/hosts-busy.js';
import { RolloutConflict } from '../../src/control/rollout-conflict.js';
import type { RolloutStore } from '../../src/control/rollout-store.js';
import { recordHostStates } from '../../src/core/rollout/record-host-states.js';
import type { Rollout } from '../../src/core/rollout/rollout.js';
import type { RolloutState } from '../../src/core/rollout/rollout-state.js';
import { createRedisRolloutStore } from '../../src/redis/create-redis-rollout-store.js';
import { deleteKeysUnder, useFreshRedis } from '../bullmq/redis-test.js';
import { buildTestPlan } from '../rollout-core/build-test-plan.js';
import { alice, rolloutIn } from '../rollout-core/rollout-fixtures.js';

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

  it('decides a change on the stored rollout: what a stale copy refuses, or needs no change for, is decided again', async () => {
    const rollout = rolloutIn('running');
    await replicaA.create(rollout);
    await replicaA.get(rollout.id);
    const resume = (r: Rollout): Rollout => {
      if (r.state !== 'paused') throw new RangeError(`cannot resume a ${r.state} rollout`);
      return { ...r, state: 'running' };
    };
    await replicaB.update(rollout.id, (r) => ({ ...r, state: 'paused' }));
    expect((await replicaA.update(rollout.id, resume)).state).toBe('running');
    // Refused on the rollout as stored, the refusal stands.
    await expect(replicaA.update(rollout.id, resume)).rejects.toThrow('cannot resume a running rollout');

    await replicaB.update(rollout.id, (r) => ({ ...r, state: 'paused' }));
    const running = await replicaA.update(rollout.id, (r) => (r.state === 'running' ? r : { ...r, state: 'running' }));
    expect(running.state).toBe('running');
    expect((await replicaB.get(rollout.id))?.state).toBe('running');
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

  describe('holds its hosts until it is over, and a failed one the hosts it left changed', () => {
    const plan = (...targets: string[]) => buildTestPlan({ targets, canary: 0 });
    const rollout = (id: string, state: RolloutState, ...targets: string[]): Rollout => ({
      ...rolloutIn(state, {}, plan(...targets)),
      id,
    });

    it('refuses a rollout whose hosts another rollout holds, naming each host and its holder', async () => {
      await replicaA.create(rollout('r-1', 'running', 'web-01', 'web-02', 'web-03'));
      const refused: unknown = await replicaB
        .create(rollout('r-2', 'draft', 'web-03', 'web-02', 'web-09'))
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(HostsBusy);
      expect(Object.fromEntries((refused as HostsBusy).holders)).toEqual({ 'web-03': 'r-1', 'web-02': 'r-1' });
      // Nothing of the refused rollout was written, and hosts nobody holds stay free.
      expect(await replicaA.get('r-2')).toBeUndefined();
      expect(Object.fromEntries(await replicaB.holdersOf(['web-09', 'web-02']))).toEqual({ 'web-02': 'r-1' });
      await replicaB.create(rollout('r-3', 'draft', 'web-09'));
      expect(Object.fromEntries(await replicaA.holdersOf(['web-09', 'web-04']))).toEqual({ 'web-09': 'r-3' });
    });

    it.each(['done', 'rolled-back', 'failed', 'expired'] as const)(
      'lets the hosts go once the rollout is %s',
      async (over) => {
        await replicaA.create(rollout('r-1', 'running', 'web-01', 'web-02'));
        await replicaA.update('r-1', (r) => ({ ...r, state: over }));
        expect((await replicaB.holdersOf(['web-01', 'web-02'])).size).toBe(0);
        expect(await fresh.redis.hlen(`${fresh.prefix}:host-rollouts`)).toBe(0);
        await replicaB.create(rollout('r-2', 'draft', 'web-02'));
      },
    );

    it('keeps the hosts a failed rollout left changed until its rollback runs again there or a person lets them go', async () => {
      await replicaA.create(rollout('r-1', 'running', 'web-01', 'web-02', 'web-03'));
      const at = new Date('2026-11-29T12:00:00Z');
      // web-01 was rolled back, web-02's rollback failed, web-03 was never touched.
      await replicaA.update('r-1', (r) => ({
        ...recordHostStates(r, [
          { host: 'web-01', state: 'installing' },
          { host: 'web-02', state: 'installing' },
        ]),
        state: 'rolling-back',
      }));
      await replicaA.update('r-1', (r) => ({
        ...recordHostStates(
          r,
          [
            { host: 'web-01', state: 'rolled-back' },
            { host: 'web-02', state: 'failed', reason: 'rollback refused' },
          ],
          at,
        ),
        state: 'failed',
        changedHosts: 'kept',
      }));
      expect(Object.fromEntries(await replicaB.holdersOf(['web-01', 'web-02', 'web-03']))).toEqual({ 'web-02': 'r-1' });
      await expect(replicaB.create(rollout('r-2', 'draft', 'web-02'))).rejects.toBeInstanceOf(HostsBusy);
      await replicaB.create(rollout('r-3', 'draft', 'web-01', 'web-03'));

      // Its rollback run again holds web-02 while it runs, and again when it fails there again.
      await replicaA.update('r-1', (r) => ({
        ...recordHostStates(r, [{ host: 'web-02', state: 'rolling-back' }], at),
        state: 'rolling-back',
      }));
      await replicaA.update('r-1', (r) => ({
        ...recordHostStates(r, [{ host: 'web-02', state: 'failed' }], at),
        state: 'failed',
        changedHosts: 'kept',
      }));
      expect(Object.fromEntries(await replicaB.holdersOf(['web-02']))).toEqual({ 'web-02': 'r-1' });

      // A person lets it go as it is: the next plan may take it; a failed rollout let go claims nothing on its own.
      await replicaB.update('r-1', (r) => ({ ...r, changedHosts: 'let-go' as const }));
      expect((await replicaA.holdersOf(['web-02'])).size).toBe(0);
      await replicaA.create(rollout('r-4', 'draft', 'web-02'));
      // Its rollback run again after that waits for web-02 like any other rollout.
      await expect(
        replicaB.update('r-1', (r) => ({
          ...recordHostStates(r, [{ host: 'web-02', state: 'rolling-back' }], at),
          state: 'rolling-back',
        })),
      ).rejects.toBeInstanceOf(HostsBusy);
    });

    it('keeps the hosts a done rollout could not put back, only those, until a person lets them go', async () => {
      await replicaA.create(rollout('r-1', 'running', 'web-01', 'web-02', 'web-03'));
      const at = new Date('2026-11-30T12:00:00Z');
      // web-01 is on the new release, web-02 went silent and was never put back, web-03 went back on its own.
      await replicaA.update('r-1', (r) =>
        recordHostStates(r, [
          { host: 'web-01', state: 'healthy' },
          { host: 'web-02', state: 'installing' },
          { host: 'web-03', state: 'installing' },
        ]),
      );
      await replicaA.update('r-1', (r) => ({
        ...recordHostStates(
          r,
          [
            { host: 'web-02', state: 'failed', reason: 'rollback: silent' },
            { host: 'web-03', state: 'rolled-back' },
          ],
          at,
        ),
        state: 'done',
        changedHosts: 'kept',
      }));
      expect(Object.fromEntries(await replicaB.holdersOf(['web-01', 'web-02', 'web-03']))).toEqual({ 'web-02': 'r-1' });
      await expect(replicaB.create(rollout('r-2', 'draft', 'web-02'))).rejects.toBeInstanceOf(HostsBusy);
      await replicaB.create(rollout('r-3', 'draft', 'web-01', 'web-03'));

      await replicaB.update('r-1', (r) => ({ ...r, changedHosts: 'let-go' as const }));
      expect((await replicaA.holdersOf(['web-02'])).size).toBe(0);
      await replicaA.create(rollout('r-4', 'draft', 'web-02'));
    });

    it('gives hosts to one of two replicas planning them at the same moment, never to both', async () => {
      const results = await Promise.allSettled([
        replicaA.create(rollout('r-a', 'draft', 'web-01', 'web-02')),
        replicaB.create(rollout('r-b', 'draft', 'web-02', 'web-01')),
      ]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((result) => result.status === 'rejected');
      expect(refused?.reason).toBeInstanceOf(HostsBusy);
      const holders = new Set((await replicaA.holdersOf(['web-01', 'web-02'])).values());
      expect(holders.size).toBe(1);
    });

    it('runs the cleanup of a done rollout again only when no other rollout holds the hosts it runs on, and holds only those', async () => {
      await replicaA.create(rollout('r-1', 'done', 'web-01', 'web-02', 'web-03'));
      await replicaA.create(rollout('r-2', 'running', 'web-02'));
      const again =
        (...hosts: string[]) =>
        (r: Rollout) => ({
          ...r,
          state: 'cleaning' as const,
          cleanup: Object.fromEntries(hosts.map((host) => [host, { state: 'running' as const }])),
        });
      await expect(replicaB.update('r-1', again('web-02'))).rejects.toBeInstanceOf(HostsBusy);
      expect((await replicaA.get('r-1'))?.state).toBe('done');
      // Its cleanup on web-03 does not wait for r-2, and leaves web-01 free for the next plan.
      await replicaB.update('r-1', again('web-03'));
      expect(Object.fromEntries(await replicaA.holdersOf(['web-01', 'web-02', 'web-03']))).toEqual({
        'web-02': 'r-2',
        'web-03': 'r-1',
      });
      await replicaA.update('r-1', (r) => ({ ...r, state: 'done' }));
      expect(Object.fromEntries(await replicaA.holdersOf(['web-01', 'web-02', 'web-03']))).toEqual({ 'web-02': 'r-2' });
    });

    it('has a rollout an earlier dten made take its hosts when the control plane looks, but for those another took', async () => {
      const claims = `${fresh.prefix}:host-rollouts`;
      await replicaA.create(rollout('r-old', 'paused', 'web-01', 'web-02'));
      // As an earlier dten left it: the rollout is under way and holds nothing, so a new plan took web-02.
      await fresh.redis.del(claims);
      await replicaA.create(rollout('r-new', 'draft', 'web-02', 'web-03'));

      expect(await replicaB.adoptHosts((await replicaB.get('r-old'))!)).toBe(1);
      expect(Object.fromEntries(await replicaA.holdersOf(['web-01', 'web-02', 'web-03']))).toEqual({
        'web-01': 'r-old',
        'web-02': 'r-new',
        'web-03': 'r-new',
      });
      await expect(replicaA.create(rollout('r-next', 'draft', 'web-01'))).rejects.toBeInstanceOf(HostsBusy);
      // Once it holds a host, and for a rollout that is over, there is nothing to adopt.
      expect(await replicaB.adoptHosts((await replicaB.get('r-old'))!)).toBe(0);
      await replicaA.create(rollout('r-done', 'done', 'web-09'));
      expect(await replicaB.adoptHosts((await replicaB.get('r-done'))!)).toBe(0);
      expect((await replicaA.holdersOf(['web-09'])).size).toBe(0);
    });

    it('does not count a holder whose record is gone or over, as an earlier dten may have left it', async () => {
      const claims = `${fresh.prefix}:host-rollouts`;
      await fresh.redis.hset(claims, 'web-01', 'r-deleted');
      const stored = rollout('r-old', 'rolled-back', 'web-02');
      await fresh.redis.hset(`${fresh.prefix}:rollout:r-old`, 'version', '1', 'json', JSON.stringify(stored));
      await fresh.redis.hset(claims, 'web-02', 'r-old');
      expect((await replicaA.holdersOf(['web-01', 'web-02'])).size).toBe(0);
      await replicaA.create(rollout('r-new', 'draft', 'web-01', 'web-02'));
      expect(Object.fromEntries(await replicaB.holdersOf(['web-01', 'web-02']))).toEqual({
        'web-01': 'r-new',
        'web-02': 'r-new',
      });
    });
  });

  describe('laid out in parts', () => {
    // A rollout with every part filled: release, per-host maps, audit log and health samples.
    const busy = (): Rollout => {
      const rollout = rolloutIn('cleaning', { release: { services: [], config: [] } }, buildTestPlan({}, 12));
      const at = '2026-03-14T22:05:00.000Z';
      return {
        ...recordHostStates(
          rollout,
          Object.keys(rollout.hosts).map((host) => ({ host, state: 'healthy' })),
          new Date(at),
        ),
        preflight: Object.fromEntries(
          Object.keys(rollout.hosts).map((host) => [host, { ok: true, problems: [], checkedAt: at }]),
        ),
        cleanup: {
          'web-03': { state: 'running', since: at },
          'web-01': { state: 'done', since: at, detail: '2 item(s) done' },
        },
        audit: [{ at, actor: alice, event: 'approve', from: 'awaiting-approval', to: 'approved' }],
        health: { baselineErrorRate: 0.01, samples: [{ at, host: 'web-02', errorRate: 0 }] },
      };
    };

    it('reads back exactly what was written, hosts in the order of the plan', async () => {
      const rollout = busy();
      await replicaA.create(rollout);
      const read = await replicaB.get(rollout.id);
      expect(read).toEqual(rollout);
      expect(Object.keys(read!.hosts)).toEqual(rollout.plan.targets);
      expect(Object.keys(read!.cleanup!)).toEqual(['web-01', 'web-03']);
    });

    it('writes only the hosts a change touched: a host changed behind its back stays as Redis has it', async () => {
      const rollout = busy();
      await replicaA.create(rollout);
      const key = `${fresh.prefix}:rollout:${rollout.id}`;
      const foreign = JSON.stringify({ state: 'failed', changed: true, reason: 'written by hand' });
      await fresh.redis.hset(`${key}:hosts`, 'web-07', foreign);
      const changed = await replicaA.update(rollout.id, (r) =>
        recordHostStates(r, [{ host: 'web-02', state: 'rolled-back' }]),
      );
      expect(changed.hosts['web-07']?.state).toBe('healthy');
      const read = await replicaB.get(rollout.id);
      expect(read?.hosts['web-02']?.state).toBe('rolled-back');
      expect(read?.hosts['web-07']).toEqual(JSON.parse(foreign));
    });

    it('appends to the audit log and samples, and rewrites them when a change does more than append', async () => {
      const rollout = busy();
      await replicaA.create(rollout);
      const entry = {
        at: '2026-03-14T22:06:00.000Z',
        actor: alice,
        event: 'pause',
        from: 'cleaning',
        to: 'paused',
      } as const;
      await replicaA.update(rollout.id, (r) => ({ ...r, audit: [...r.audit, entry] }));
      expect((await replicaB.get(rollout.id))?.audit).toEqual([...rollout.audit, entry]);
      await replicaA.update(rollout.id, (r) => ({ ...r, audit: [entry], health: { samples: [] } }));
      const read = await replicaB.get(rollout.id);
      expect(read?.audit).toEqual([entry]);
      expect(read?.health).toEqual({ samples: [] });
    });

    it('drops parts and hosts a change removed', async () => {
      const rollout = busy();
      await replicaA.create(rollout);
      await replicaA.update(rollout.id, (r) => {
        // eslint-disable-next-line @typescript-eslint/no-unused-vars
        const { cleanup, release, ...rest } = r;
        // eslint-disable-next-line @typescript-eslint/no-unused-vars
        const { 'web-12': gone, ...preflight } = r.preflight ?? {};
        return { ...rest, preflight };
      });
      const read = await replicaB.get(rollout.id);
      expect(read?.cleanup).toBeUndefined();
      expect(read?.release).toBeUndefined();
      expect(Object.keys(read?.preflight ?? {})).toHaveLength(11);
      expect(await fresh.redis.exists(`${fresh.prefix}:rollout:${rollout.id}:cleanup`)).toBe(0);
    });

    it('reads a rollout stored whole by an earlier dten, and lays it out in parts on its next change', async () => {
      const rollout = busy();
      const key = `${fresh.prefix}:rollout:${rollout.id}`;
      await fresh.redis.hset(key, 'version', '3', 'json', JSON.stringify(rollout));
      expect(await replicaA.get(rollout.id)).toEqual(rollout);
      await replicaA.update(rollout.id, (r) => ({ ...r, state: 'paused', pausedFrom: 'cleaning' }));
      expect(await fresh.redis.hget(key, 'json')).toBeNull();
      expect(await replicaB.get(rollout.id)).toEqual({ ...rollout, state: 'paused', pausedFrom: 'cleaning' });
    });

    it('holds a fleet of five thousand hosts', async () => {
      const rollout = rolloutIn('draft', {}, buildTestPlan({}, 5000));
      await replicaA.create(rollout);
      await replicaA.update(rollout.id, (r) =>
        recordHostStates(
          r,
          r.plan.targets.map((host) => ({ host, state: 'preflighting' })),
        ),
      );
      const read = await replicaB.get(rollout.id);
      expect(Object.values(read!.hosts).every((host) => host.state === 'preflighting')).toBe(true);
      expect(Object.keys(read!.hosts)).toHaveLength(5000);
    });
  });
});
