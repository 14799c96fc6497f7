import { describe, it, expect } from 'vitest';
import { ROLLOUT_EVENTS, type RolloutEvent } from '../../src/core/rollout/rollout-event.js';
import type { RolloutState } from '../../src/core/rollout/rollout-state.js';
import { transition } from '../../src/core/rollout/transition.js';
import { TransitionRefused } from '../../src/core/rollout/transition-refused.js';
import { minutesInto, WINDOW_START } from './build-test-plan.js';
import { alice, bob, controlPlane, rolloutIn } from './rollout-fixtures.js';

const now = WINDOW_START;
const eventName = (event: RolloutEvent): string => (typeof event === 'string' ? event : event.name);
const midWave = { wave: { index: 1, finished: false } };
const betweenWaves = { wave: { index: 0, finished: true } };

describe('the rollout state machine', () => {
  it.each<[RolloutState, RolloutEvent, RolloutState, object?]>([
    ['draft', 'preflight-passed', 'preflighted'],
    ['preflighted', 'request-approval', 'awaiting-approval'],
    ['awaiting-approval', 'approve', 'approved'],
    ['awaiting-approval', 'reject', 'draft'],
    ['awaiting-approval', 'expire', 'expired'],
    ['approved', 'schedule', 'scheduled'],
    ['approved', 'window-ended', 'expired'],
    ['scheduled', 'window-opened', 'running'],
    ['scheduled', 'abort', 'failed'],
    ['running', { name: 'wave-started', wave: 1 }, 'running', betweenWaves],
    ['running', 'wave-succeeded', 'running', midWave],
    ['running', 'wave-failed', 'running', midWave],
    ['running', 'wave-succeeded', 'verifying', { wave: { index: 2, finished: false } }],
    ['running', 'threshold-exceeded', 'rolling-back', midWave],
    ['running', 'pause', 'paused', midWave],
    ['running', 'window-ended', 'paused', midWave],
    ['running', 'rollback', 'rolling-back', midWave],
    ['running', 'abort', 'rolling-back', midWave],
    ['paused', 'resume', 'running', { ...midWave, pausedFrom: 'running' }],
    ['paused', 'resume', 'verifying', { pausedFrom: 'verifying' }],
    ['paused', 'rollback', 'rolling-back', { pausedFrom: 'running' }],
    ['verifying', 'verify-ok', 'cleaning'],
    ['verifying', 'threshold-exceeded', 'rolling-back'],
    ['cleaning', 'window-ended', 'cleaning'],
    ['cleaning', 'cleanup-finished', 'done'],
    ['rolling-back', 'rollback-finished', 'rolled-back'],
    ['rolling-back', 'rollback-failed', 'failed'],
  ])('when a %s rollout gets %j, it becomes %s', (from, event, to, extra = {}) => {
    const after = transition(rolloutIn(from, extra), event, controlPlane, now);
    expect(after.state).toBe(to);
    expect(after.audit.at(-1)).toMatchObject({ from, to, event: eventName(event), actor: controlPlane });
  });

  it.each<[RolloutState, RolloutEvent]>([
    ['draft', 'approve'],
    ['draft', 'window-opened'],
    ['preflighted', 'approve'],
    ['awaiting-approval', 'schedule'],
    ['approved', 'approve'],
    ['approved', { name: 'extend-window', minutes: 30 }],
    ['scheduled', { name: 'wave-started', wave: 0 }],
    ['running', 'approve'],
    ['running', 'verify-ok'],
    ['running', 'resume'],
    ['paused', 'pause'],
    ['paused', 'wave-succeeded'],
    ['cleaning', 'abort'],
    ['cleaning', 'rollback'],
    ['rolling-back', 'resume'],
  ])('when a %s rollout gets %j, it is refused and names its state and the event', (state, event) => {
    const before = rolloutIn(state, midWave);
    const refusal = catchRefusal(() => transition(before, event, alice, now));
    expect(refusal).toMatchObject({ state, event: eventName(event), reason: 'not-allowed' });
    expect(refusal.message).toContain(state);
    expect(before.audit).toEqual([]);
  });

  it.each<RolloutState>(['done', 'rolled-back', 'failed', 'expired'])(
    'when a rollout is %s, it takes no event at all, but for a cleanup or a rollback a person runs again, or letting kept hosts go',
    (state) => {
      for (const name of ROLLOUT_EVENTS) {
        if (state === 'done' && name === 'retry-cleanup') {
          expect(transition(rolloutIn(state), name, alice, now).state).toBe('cleaning');
          continue;
        }
        if (state === 'failed' && name === 'rollback') {
          expect(transition(rolloutIn(state), name, alice, now).state).toBe('rolling-back');
          continue;
        }
        // A person gives up on a failed rollback: it stays failed and lets its hosts go (commandRollout). Abort itself
        // stays refused, so a driver's late abort of a draft a person aborted first does not land.
        // Or lets go of the hosts a done rollout kept, failed within max errors and not put back.
        if ((state === 'failed' || state === 'done') && name === 'let-hosts-go') {
          expect(transition(rolloutIn(state), name, alice, now)).toMatchObject({ state });
          continue;
        }
        const event = (
          name === 'wave-started' ? { name, wave: 0 } : name === 'extend-window' ? { name, minutes: 5 } : name
        ) as RolloutEvent;
        expect(() => transition(rolloutIn(state), event, alice, now)).toThrow(TransitionRefused);
      }
    },
  );
});

describe('waves while running', () => {
  it('when wave 1 is announced again while it runs, the duplicate is refused instead of skipping a wave', () => {
    const running = transition(
      rolloutIn('running', betweenWaves),
      { name: 'wave-started', wave: 1 },
      controlPlane,
      now,
    );
    expect(running.wave).toEqual({ index: 1, finished: false });
    expect(catchRefusal(() => transition(running, { name: 'wave-started', wave: 1 }, controlPlane, now)).reason).toBe(
      'wave-in-progress',
    );
  });

  it('when wave 2 is announced while wave 1 is next, it is refused as the wrong wave', () => {
    const refusal = catchRefusal(() =>
      transition(rolloutIn('running', betweenWaves), { name: 'wave-started', wave: 2 }, controlPlane, now),
    );
    expect(refusal.reason).toBe('wrong-wave');
  });

  it('when the last wave already ended, no further wave can start', () => {
    const ended = rolloutIn('running', { wave: { index: 2, finished: true } });
    expect(catchRefusal(() => transition(ended, { name: 'wave-started', wave: 3 }, controlPlane, now)).reason).toBe(
      'no-wave-left',
    );
  });

  it('when a wave result arrives twice, the second is refused because no wave is in progress', () => {
    const ended = transition(rolloutIn('running', midWave), 'wave-succeeded', controlPlane, now);
    expect(catchRefusal(() => transition(ended, 'wave-succeeded', controlPlane, now)).reason).toBe(
      'no-wave-in-progress',
    );
  });
});

describe('the audit log of a whole rollout', () => {
  it('when five hosts go from draft to done, each step is recorded with who caused it and which wave was running', () => {
    const steps: [RolloutEvent, typeof alice][] = [
      ['preflight-passed', controlPlane],
      ['request-approval', alice],
      ['approve', bob],
      ['schedule', controlPlane],
      ['window-opened', controlPlane],
      ...[0, 1, 2].flatMap((wave): [RolloutEvent, typeof alice][] => [
        [{ name: 'wave-started', wave }, controlPlane],
        ['wave-succeeded', controlPlane],
      ]),
      ['verify-ok', controlPlane],
      ['cleanup-finished', { kind: 'agent', id: 'web-01' }],
    ];
    let rollout = rolloutIn('draft');
    steps.forEach(([event, actor], i) => {
      // Read back from Redis between steps: the record is plain JSON.
      rollout = JSON.parse(JSON.stringify(transition(rollout, event, actor, minutesInto(now, i)))) as typeof rollout;
    });
    expect(rollout.state).toBe('done');
    expect(rollout.audit.map((entry) => `${entry.from}>${entry.to}`)).toContain('running>verifying');
    expect(rollout.audit[2]).toEqual({
      at: '2026-03-14T22:02:00.000Z',
      from: 'awaiting-approval',
      to: 'approved',
      event: 'approve',
      actor: bob,
    });
    expect(rollout.audit.filter((entry) => entry.event === 'wave-started').map((entry) => entry.wave)).toEqual([
      0, 1, 2,
    ]);
  });

  it('when the window ends mid-wave and is extended by 30 minutes, the rollout pauses, keeps its wave and resumes it', () => {
    const paused = transition(rolloutIn('running', midWave), 'window-ended', controlPlane, minutesInto(now, 60));
    const extended = transition(paused, { name: 'extend-window', minutes: 30 }, bob, minutesInto(now, 61));
    const resumed = transition(extended, 'resume', bob, minutesInto(now, 61));
    expect([paused.state, extended.state, resumed.state]).toEqual(['paused', 'paused', 'running']);
    expect(resumed.wave).toEqual(midWave.wave);
    expect(resumed.window.durationMinutes).toBe(90);
    expect(resumed.plan.window.durationMinutes).toBe(60);
    expect(extended.audit.at(-1)?.detail).toBe(
      'window extended by 30 minutes; it now ends at 2026-03-14T23:30:00.000Z',
    );
  });

  it('when a transition happens, the rollout it came from is left as it was', () => {
    const before = rolloutIn('running', midWave);
    const copy = structuredClone(before);
    transition(before, 'wave-succeeded', controlPlane, now, 'all hosts healthy');
    expect(before).toEqual(copy);
  });
});

function catchRefusal(act: () => unknown): TransitionRefused {
  try {
    act();
  } catch (error) {
    if (error instanceof TransitionRefused) return error;
    throw error;
  }
  throw new Error('the transition was expected to be refused');
}
