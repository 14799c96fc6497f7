import { describe, it, expect } from 'vitest';
import { canStartWave } from '../../src/core/rollout/can-start-wave.js';
import { extendWindow } from '../../src/core/rollout/extend-window.js';
import { windowEnd } from '../../src/core/rollout/window-end.js';
import { minutesInto, WINDOW_START } from './build-test-plan.js';

const window = { start: WINDOW_START.toISOString(), durationMinutes: 60 };
// A 10-minute wave, 2 minutes of bake and a 5-minute rollback need 17 minutes of window.
const estimates = { estimatedWaveSeconds: 600, bakeSeconds: 120, estimatedRollbackSeconds: 300 };

describe('the window cutoff', () => {
  it('when the window has not opened yet, no wave starts and the time until it opens is given', () => {
    const check = canStartWave({ ...estimates, window, now: minutesInto(WINDOW_START, -5) });
    expect(check).toEqual({ ok: false, reason: 'before-window', secondsLeft: 3900, secondsUntilStart: 300 });
  });

  it('when the window opens and there is an hour left, the wave starts', () => {
    expect(canStartWave({ ...estimates, window, now: WINDOW_START })).toEqual({ ok: true, secondsLeft: 3600 });
  });

  it('when what is left holds the wave, its bake and a rollback exactly, the wave starts', () => {
    expect(canStartWave({ ...estimates, window, now: minutesInto(WINDOW_START, 43) }).ok).toBe(true);
  });

  it('when one second short of wave plus bake plus rollback is left, no new wave starts', () => {
    const now = new Date(minutesInto(WINDOW_START, 43).getTime() + 1000);
    expect(canStartWave({ ...estimates, window, now })).toEqual({
      ok: false,
      reason: 'not-enough-time',
      secondsLeft: 1019,
      secondsNeeded: 1020,
    });
  });

  it('when the window has just ended, no wave starts and nothing is left', () => {
    expect(canStartWave({ ...estimates, window, now: minutesInto(WINDOW_START, 60) })).toEqual({
      ok: false,
      reason: 'window-ended',
      secondsLeft: 0,
    });
  });

  it('when the window is extended by 30 minutes, a wave that did not fit any more fits again', () => {
    const now = minutesInto(WINDOW_START, 50);
    expect(canStartWave({ ...estimates, window, now }).ok).toBe(false);
    const longer = extendWindow(window, 30);
    expect(windowEnd(longer).toISOString()).toBe('2026-03-14T23:30:00.000Z');
    expect(canStartWave({ ...estimates, window: longer, now }).ok).toBe(true);
  });

  it.each([0, -15, 2.5])('when an extension of %s minutes is asked for, it is refused', (minutes) => {
    expect(() => extendWindow(window, minutes)).toThrow(RangeError);
  });
});
