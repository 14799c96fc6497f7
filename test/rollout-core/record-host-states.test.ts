import { describe, it, expect } from 'vitest';
import { recordHostState } from '../../src/core/rollout/record-host-state.js';
import { recordHostStates, type HostStateChange } from '../../src/core/rollout/record-host-states.js';
import type { Rollout } from '../../src/core/rollout/rollout.js';
import { buildTestPlan } from './build-test-plan.js';
import { rolloutIn } from './rollout-fixtures.js';

const at = new Date('2026-03-14T22:05:00Z');

function oneByOne(rollout: Rollout, changes: readonly HostStateChange[]): Rollout {
  return changes.reduce((r, { host, state, reason }) => recordHostState(r, host, state, reason, at), rollout);
}

describe('recording many hosts at once', () => {
  it('when a wave of hosts reports together, the rollout reads exactly as if each host had been recorded in turn', () => {
    const rollout = rolloutIn('running', {}, buildTestPlan({}, 50));
    const hosts = Object.keys(rollout.hosts);
    const changes: HostStateChange[] = [
      ...hosts.map((host) => ({ host, state: 'installing' as const })),
      ...hosts.slice(0, 30).map((host) => ({ host, state: 'healthy' as const })),
      ...hosts.slice(30, 40).map((host) => ({ host, state: 'failed' as const, reason: 'health check answered 503' })),
      ...hosts.slice(30, 35).map((host) => ({ host, state: 'rolled-back' as const })),
    ];
    const batched = recordHostStates(rollout, changes, at);
    expect(batched).toEqual(oneByOne(rollout, changes));
    expect(batched.hosts[hosts[0]!]).toEqual({ state: 'healthy', changed: true, since: at.toISOString() });
    expect(batched.hosts[hosts[31]!]).toEqual({
      state: 'rolled-back',
      changed: false,
      since: at.toISOString(),
      failedWith: 'health check answered 503',
    });
    expect(batched.hosts[hosts[45]!]?.state).toBe('installing');
  });

  it('when hosts are recorded, the rollout it was given is left as it was', () => {
    const rollout = rolloutIn('running');
    const before = structuredClone(rollout);
    recordHostStates(rollout, [{ host: Object.keys(rollout.hosts)[0]!, state: 'installing' }], at);
    expect(rollout).toEqual(before);
  });

  it('when a change names a host outside the rollout, nothing is recorded and the host is named', () => {
    const rollout = rolloutIn('running');
    const first = Object.keys(rollout.hosts)[0]!;
    expect(() =>
      recordHostStates(
        rollout,
        [
          { host: first, state: 'installing' },
          { host: 'db-99', state: 'installing' },
        ],
        at,
      ),
    ).toThrow(/db-99 is not a target/);
    expect(rollout.hosts[first]?.state).not.toBe('installing');
  });

  it('when there is nothing to record, the same rollout comes back so the store writes nothing', () => {
    const rollout = rolloutIn('running');
    expect(recordHostStates(rollout, [], at)).toBe(rollout);
  });
});

describe('why a host failed its install, kept through its rollback', () => {
  const INSTALL = 'postinstall script failed: mkdir /etc/dten/flags: File exists';
  const ROLLBACK = 'rollback: Release 4.1.0 is not unpacked on this host';

  it('when a host fails its install and then its rollback, its reason is the rollback’s and failedWith the install’s', () => {
    const rollout = recordHostStates(
      rolloutIn('running'),
      [
        { host: 'web-01', state: 'installing' },
        { host: 'web-01', state: 'failed', reason: INSTALL },
        { host: 'web-01', state: 'rolling-back' },
        { host: 'web-01', state: 'failed', reason: ROLLBACK },
      ],
      at,
    );
    expect(rollout.hosts['web-01']).toEqual({
      state: 'failed',
      reason: ROLLBACK,
      failedWith: INSTALL,
      changed: true,
      since: at.toISOString(),
    });
  });

  it('when the rollback is run again and fails again or ends, the first reason of the install is still the one kept', () => {
    let rollout = recordHostStates(
      rolloutIn('running'),
      [
        { host: 'web-01', state: 'installing' },
        { host: 'web-01', state: 'failed', reason: INSTALL },
        { host: 'web-01', state: 'rolling-back' },
        { host: 'web-01', state: 'failed', reason: ROLLBACK },
        { host: 'web-01', state: 'rolling-back', rollbackAttempt: 2 },
        { host: 'web-01', state: 'failed', reason: 'rollback: the agent did not answer' },
      ],
      at,
    );
    expect(rollout.hosts['web-01']?.failedWith).toBe(INSTALL);
    rollout = recordHostStates(
      rollout,
      [
        { host: 'web-01', state: 'rolling-back', rollbackAttempt: 3 },
        { host: 'web-01', state: 'rolled-back' },
      ],
      at,
    );
    expect(rollout.hosts['web-01']).toEqual({
      state: 'rolled-back',
      failedWith: INSTALL,
      changed: false,
      since: at.toISOString(),
      rollbackAttempt: 3,
    });
  });

  it('when a host goes unreachable while it installs, that reason is kept as why it failed', () => {
    const rollout = recordHostStates(
      rolloutIn('running'),
      [
        { host: 'web-02', state: 'installing' },
        { host: 'web-02', state: 'unreachable', reason: 'the agent did not answer within 10m' },
        { host: 'web-02', state: 'rolling-back' },
      ],
      at,
    );
    expect(rollout.hosts['web-02']).toMatchObject({
      state: 'rolling-back',
      failedWith: 'the agent did not answer within 10m',
    });
    expect(rollout.hosts['web-02']?.reason).toBeUndefined();
  });

  it('when only a preflight or the rollback of a healthy host fails, no install failure is recorded', () => {
    const rollout = recordHostStates(
      rolloutIn('running'),
      [
        { host: 'web-01', state: 'preflighting' },
        { host: 'web-01', state: 'failed', reason: 'preflight: disk full' },
        { host: 'web-02', state: 'installing' },
        { host: 'web-02', state: 'healthy' },
        { host: 'web-02', state: 'rolling-back' },
        { host: 'web-02', state: 'failed', reason: ROLLBACK },
      ],
      at,
    );
    expect(rollout.hosts['web-01']).not.toHaveProperty('failedWith');
    expect(rollout.hosts['web-02']).toMatchObject({ state: 'failed', reason: ROLLBACK });
    expect(rollout.hosts['web-02']).not.toHaveProperty('failedWith');
  });
});
