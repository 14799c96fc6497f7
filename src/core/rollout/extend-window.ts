import type { PlanWindow } from './plan.js';

/** The same window, ending `minutes` later. */
export function extendWindow(window: PlanWindow, minutes: number): PlanWindow {
  if (!Number.isInteger(minutes) || minutes <= 0) {
    throw new RangeError(`a window is extended by a whole, positive number of minutes, not ${minutes}`);
  }
  return { ...window, durationMinutes: window.durationMinutes + minutes };
}
