import { describe, it, expect } from 'vitest';
import { checkFailureThreshold } from '../../src/core/rollout/check-failure-threshold.js';
import type { HostState } from '../../src/core/rollout/host-state.js';
import { recordHostState } from '../../src/core/rollout/record-host-state.js';
import type { Rollout } from '../../src/core/rollout/rollout.js';
import { buildTestPlan } from './build-test-plan.js';
import { rolloutIn } from './rollout-fixtures.js';

/** Plays each host's reported states in order, as the agents would report them. */
function report(rollout: Rollout, steps: Record<string, HostState[]>): Rollout {
  return Object.entries(steps).reduce(
    (current, [host, states]) =>
      states.reduce(
        (r, state) => recordHostState(r, host, state, state === 'failed' ? 'health check answered 503' : undefined),
        current,
      ),
    rollout,
  );
}

describe('the failure threshold', () => {
  it('when maxErrors is 0 and the canary fails its health check, the rollout stops and the canary is rolled back', () => {
    const rollout = report(rolloutIn('running'), { 'web-01': ['preflighting', 'installing', 'installed', 'failed'] });
    expect(checkFailureThreshold(rollout.hosts, 0)).toEqual({ stop: true, failed: ['web-01'], rollBack: ['web-01'] });
  });

  it('when maxErrors is 0 and a host fails in wave 2, the installed hosts are rolled back but the untouched ones are not', () => {
    const rollout = report(rolloutIn('running'), {
      'web-01': ['installing', 'installed', 'healthy'],
      'web-02': ['installing', 'installed', 'verifying'],
      'web-03': ['preflighting', 'failed'],
    });
    expect(checkFailureThreshold(rollout.hosts, 0)).toEqual({
      stop: true,
      failed: ['web-03'],
      rollBack: ['web-01', 'web-02'],
    });
  });

  it('when maxErrors is 1, one failed host lets the rollout carry on and a second one stops it', () => {
    const one = report(rolloutIn('running'), {
      'web-01': ['installing', 'healthy'],
      'web-02': ['installing', 'failed'],
    });
    expect(checkFailureThreshold(one.hosts, 1)).toEqual({ stop: false, failed: ['web-02'], rollBack: [] });
    const two = report(one, { 'web-03': ['unreachable'] });
    expect(checkFailureThreshold(two.hosts, 1)).toEqual({
      stop: true,
      failed: ['web-02', 'web-03'],
      rollBack: ['web-01', 'web-02'],
    });
  });

  it('when a host was already rolled back, it is not rolled back twice', () => {
    const rollout = report(rolloutIn('rolling-back'), {
      'web-01': ['installing', 'failed', 'rolling-back', 'rolled-back'],
      'web-02': ['failed'],
    });
    expect(rollout.hosts['web-01']).toEqual({
      state: 'rolled-back',
      changed: false,
      failedWith: 'health check answered 503',
    });
    expect(checkFailureThreshold(rollout.hosts, 0).rollBack).toEqual([]);
  });

  it('when a result names a host that is not a target, it is refused', () => {
    expect(() => recordHostState(rolloutIn('running', {}, buildTestPlan()), 'db-01', 'failed')).toThrow(/not a target/);
  });
});
