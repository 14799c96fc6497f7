import { describe, expect, it } from 'vitest';
import { claimChange, hostsKept, keepHostsLeftBehind } from '../../src/core/rollout/hosts-to-hold.js';
import { recordHostStates } from '../../src/core/rollout/record-host-states.js';
import type { Rollout } from '../../src/core/rollout/rollout.js';
import type { RolloutState } from '../../src/core/rollout/rollout-state.js';
import { buildTestPlan } from './build-test-plan.js';
import { rolloutIn } from './rollout-fixtures.js';

const entry = (event: 'cleanup-finished'): Rollout['audit'][number] => ({
  at: '2026-11-30T12:00:00.000Z',
  event,
  from: 'cleaning',
  to: 'done',
  actor: { kind: 'system', id: 'control-plane' },
});
const plan = buildTestPlan({ targets: ['web-1', 'web-2', 'web-3'], canary: 0 });
const inState = (state: RolloutState, extra: Partial<Rollout> = {}): Rollout => rolloutIn(state, extra, plan);
/** web-1 installed and rolled back, web-2 installed and not rolled back, web-3 never touched. */
const touched = (state: RolloutState): Rollout => {
  const installed = recordHostStates(inState(state), [
    { host: 'web-1', state: 'installing' },
    { host: 'web-2', state: 'installing' },
  ]);
  const ended = recordHostStates(installed, [
    { host: 'web-1', state: 'rolled-back' },
    { host: 'web-2', state: 'failed', reason: 'rollback: the backup is gone' },
  ]);
  // As advance-rolling-back marks a rollout whose rollback failed.
  return state === 'failed' ? { ...ended, changedHosts: 'kept' } : ended;
};

describe('the hosts a rollout holds', () => {
  it('a new rollout claims every target, and one that carries on changes no claim', () => {
    expect(claimChange(undefined, inState('draft'))).toEqual({ mode: 'claim', hosts: ['web-1', 'web-2', 'web-3'] });
    expect(claimChange(inState('draft'), inState('preflighted'))).toBeUndefined();
  });

  it('a rollout that ends lets every target go, but a failed one keeps those it left changed', () => {
    expect(claimChange(inState('running'), inState('done'))).toEqual({
      mode: 'release',
      hosts: ['web-1', 'web-2', 'web-3'],
    });
    const failed = touched('failed');
    expect(hostsKept(failed)).toEqual(['web-2']);
    expect(claimChange(touched('rolling-back'), failed)).toEqual({ mode: 'release', hosts: ['web-1', 'web-3'] });
    // Failed before any host changed (an aborted draft): nothing to keep.
    expect(claimChange(inState('draft'), inState('failed'))).toEqual({
      mode: 'release',
      hosts: ['web-1', 'web-2', 'web-3'],
    });
  });

  it('a failed rollout let go of keeps nothing, and an ended rollout that stays ended changes no claim', () => {
    const failed = touched('failed');
    const letGo = { ...failed, changedHosts: 'let-go' as const };
    expect(hostsKept(letGo)).toEqual([]);
    expect(claimChange(failed, letGo)).toEqual({ mode: 'release', hosts: ['web-2'] });
    expect(claimChange(letGo, { ...letGo })).toBeUndefined();
    expect(claimChange(inState('done'), inState('done'))).toBeUndefined();
  });

  it('a rollout that failed under a dten that kept nothing keeps nothing now: its hosts were let go as it failed', () => {
    const { changedHosts: _kept, ...older } = touched('failed');
    expect(hostsKept(older)).toEqual([]);
    expect(claimChange(older, { ...older })).toBeUndefined();
  });

  it('a failed rollout whose rollback runs again claims only the hosts it runs on', () => {
    const again = recordHostStates({ ...touched('failed'), state: 'rolling-back' }, [
      { host: 'web-2', state: 'rolling-back' },
    ]);
    expect(claimChange(touched('failed'), again)).toEqual({ mode: 'claim', hosts: ['web-2'] });
  });

  it('a done rollout keeps the hosts it could not put back, not those on the new release, and only as it first ends', () => {
    const healthy = recordHostStates(touched('done'), [
      { host: 'web-3', state: 'installing' },
      { host: 'web-3', state: 'healthy' },
    ]);
    const ended = { ...healthy, audit: [entry('cleanup-finished')] };
    const kept = keepHostsLeftBehind(ended);
    expect(kept.changedHosts).toBe('kept');
    expect(hostsKept(kept)).toEqual(['web-2']);
    expect(claimChange({ ...kept, state: 'cleaning' }, kept)).toEqual({ mode: 'release', hosts: ['web-1', 'web-3'] });
    // Ending again after a cleanup run again keeps nothing it did not keep the first time.
    expect(
      keepHostsLeftBehind({ ...ended, audit: [entry('cleanup-finished'), entry('cleanup-finished')] }),
    ).not.toHaveProperty('changedHosts');
    expect(keepHostsLeftBehind({ ...ended, changedHosts: 'let-go' }).changedHosts).toBe('let-go');
    expect(hostsKept({ ...kept, changedHosts: 'let-go' })).toEqual([]);
  });
});
