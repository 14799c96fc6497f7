import type { PlanWindow } from './plan.js';
import { windowEnd } from './window-end.js';

export interface WaveTiming {
  now: Date;
  window: PlanWindow;
  estimatedWaveSeconds: number;
  estimatedRollbackSeconds: number;
  bakeSeconds: number;
}

/** `secondsLeft` is always the time from now to the end of the window (0 once it ended). */
export type WaveStart =
  | { ok: true; secondsLeft: number }
  | { ok: false; reason: 'before-window'; secondsLeft: number; secondsUntilStart: number }
  | { ok: false; reason: 'window-ended'; secondsLeft: 0 }
  | { ok: false; reason: 'not-enough-time'; secondsLeft: number; secondsNeeded: number };

/** A new wave starts only if what is left of the window holds the wave, its bake and a rollback. */
export function canStartWave(timing: WaveTiming): WaveStart {
  const { now, window, estimatedWaveSeconds, estimatedRollbackSeconds, bakeSeconds } = timing;
  const secondsNeeded = estimatedWaveSeconds + bakeSeconds + estimatedRollbackSeconds;
  if (![estimatedWaveSeconds, estimatedRollbackSeconds, bakeSeconds].every((s) => Number.isFinite(s) && s >= 0)) {
    throw new RangeError('wave, bake and rollback estimates are finite, non-negative seconds');
  }
  const msLeft = windowEnd(window).getTime() - now.getTime();
  const secondsLeft = Math.max(0, Math.floor(msLeft / 1000));
  const msUntilStart = Date.parse(window.start) - now.getTime();
  if (msUntilStart > 0)
    return { ok: false, reason: 'before-window', secondsLeft, secondsUntilStart: Math.ceil(msUntilStart / 1000) };
  if (msLeft <= 0) return { ok: false, reason: 'window-ended', secondsLeft: 0 };
  if (msLeft < secondsNeeded * 1000) return { ok: false, reason: 'not-enough-time', secondsLeft, secondsNeeded };
  return { ok: true, secondsLeft };
}
