import type { PlanWindow } from './plan.js';

/** The first instant outside the window: the window is [start, end). */
export function windowEnd(window: PlanWindow): Date {
  return new Date(Date.parse(window.start) + window.durationMinutes * 60_000);
}
