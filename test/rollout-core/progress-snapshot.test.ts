import { describe, it, expect } from 'vitest';
import { buildProgressSnapshot } from '../../src/core/rollout/build-progress-snapshot.js';
import { recordHostState } from '../../src/core/rollout/record-host-state.js';
import type { Rollout } from '../../src/core/rollout/rollout.js';
import { transition } from '../../src/core/rollout/transition.js';
import { minutesInto, WINDOW_START } from './build-test-plan.js';
import { controlPlane, rolloutIn } from './rollout-fixtures.js';

const at = (minutes: number) => minutesInto(WINDOW_START, minutes);

/** Canary wave took 8 minutes; wave 1 started after the 2-minute bake, 3 minutes ago. */
function midRollout(): Rollout {
  let rollout = rolloutIn('running');
  rollout = transition(rollout, { name: 'wave-started', wave: 0 }, controlPlane, at(0));
  rollout = transition(rollout, 'wave-succeeded', controlPlane, at(8));
  rollout = transition(rollout, { name: 'wave-started', wave: 1 }, controlPlane, at(10));
  rollout = recordHostState(rollout, 'web-01', 'healthy');
  rollout = recordHostState(rollout, 'web-02', 'installing');
  rollout = recordHostState(rollout, 'web-03', 'installing');
  rollout = recordHostState(rollout, 'web-03', 'failed', 'health check answered 503 for 60s');
  const samples = [
    ['web-01', 1, 0.01],
    ['web-01', 4, 0.06],
    ['web-01', 6, 0.01],
    ['web-03', 5, 0.04],
    ['web-03', 7, 0.01],
    ['web-03', 12, 0.09],
  ] as const;
  const health = {
    baselineErrorRate: 0.02,
    samples: samples.map(([host, m, errorRate]) => ({ host, at: at(m).toISOString(), errorRate })),
  };
  return { ...rollout, health };
}

describe('the progress snapshot the chat layer renders', () => {
  it('when wave 2 of 3 is running with one host failed, the snapshot says so with the host and its reason', () => {
    const snapshot = buildProgressSnapshot(midRollout(), at(13));
    expect(snapshot).toMatchObject({
      rolloutId: 'rollout-7',
      state: 'running',
      wave: { index: 1, of: 3, finished: false },
    });
    expect(snapshot.counts).toMatchObject({ healthy: 1, installing: 1, failed: 1, pending: 2, unreachable: 0 });
    expect(snapshot.failingHosts).toEqual([{ host: 'web-03', reason: 'health check answered 503 for 60s' }]);
    expect(snapshot.windowSecondsLeft).toBe(47 * 60);
  });

  it('when hosts rise above the baseline at overlapping times, the blip counts the time once and keeps the worst rate', () => {
    // Above baseline: web-01 from 4 to 6, web-03 from 5 to 7 and again from 12 until now (13): 3 + 1 minutes.
    expect(buildProgressSnapshot(midRollout(), at(13)).blip).toEqual({
      worstErrorRate: 0.09,
      baselineErrorRate: 0.02,
      secondsAboveBaseline: 240,
    });
  });

  it('when one wave took 8 minutes and the bake is 2, the last wave is expected to end 15 minutes from now', () => {
    // Wave 1 has 5 of its 8 minutes to go; wave 2 needs the bake and 8 more minutes.
    expect(buildProgressSnapshot(midRollout(), at(13)).eta).toBe(at(28).toISOString());
  });

  it('when no wave has finished yet, there is no ETA and no blip without a baseline', () => {
    const first = transition(rolloutIn('running'), { name: 'wave-started', wave: 0 }, controlPlane, at(0));
    const snapshot = buildProgressSnapshot(first, at(1));
    expect(snapshot.eta).toBeUndefined();
    expect(snapshot.blip).toBeUndefined();
    expect(snapshot.wave).toEqual({ index: 0, of: 3, finished: false });
  });

  it('once hosts are rolled back or failed their rollback, it keeps why their install failed, said once per host', () => {
    let rollout = midRollout();
    rollout = recordHostState(rollout, 'web-02', 'unreachable', 'the agent did not answer within 10m');
    rollout = transition(rollout, 'threshold-exceeded', controlPlane, at(14), '2 host(s) failed (web-02, web-03)');
    // web-01 was healthy: its rollback is no install failure.
    for (const host of ['web-01', 'web-02', 'web-03']) rollout = recordHostState(rollout, host, 'rolling-back');
    const rollingBack = buildProgressSnapshot(rollout, at(15));
    expect(rollingBack.failingHosts).toEqual([]);
    expect(rollingBack.installFailures).toEqual([
      { host: 'web-02', reason: 'the agent did not answer within 10m' },
      { host: 'web-03', reason: 'health check answered 503 for 60s' },
    ]);
    rollout = recordHostState(rollout, 'web-01', 'failed', 'rollback: config backup missing');
    rollout = recordHostState(rollout, 'web-02', 'rolled-back');
    rollout = recordHostState(rollout, 'web-03', 'failed', 'rollback: Release 4.1.0 is not unpacked on this host');
    const failed = buildProgressSnapshot(transition(rollout, 'rollback-failed', controlPlane, at(16), 'no'), at(17));
    expect(failed.failingHosts).toEqual([
      { host: 'web-01', reason: 'rollback: config backup missing' },
      { host: 'web-03', reason: 'rollback: Release 4.1.0 is not unpacked on this host' },
    ]);
    expect(failed.installFailures).toEqual([
      { host: 'web-02', reason: 'the agent did not answer within 10m' },
      { host: 'web-03', reason: 'health check answered 503 for 60s' },
    ]);
    // While a host still fails with its install's reason, the failing hosts say it: no second list.
    expect(buildProgressSnapshot(midRollout(), at(13)).installFailures).toBeUndefined();
  });

  it('when the window is over, no time is left', () => {
    expect(buildProgressSnapshot(rolloutIn('paused'), at(75)).windowSecondsLeft).toBe(0);
  });
});
