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
    expect(batched.hosts[hosts[31]!]).toEqual({ state: 'rolled-back', changed: false, since: at.toISOString() });
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
