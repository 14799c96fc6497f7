import { findFireInWindow } from './find-fire-in-window.js';
import type { HostSchedule } from './find-host-schedules.js';
import type { ServicePort } from './service-port.js';
import type { TimeWindow } from './time-window.js';

/** One schedule the install pauses, and why: recorded in the journal so cleanup restores exactly these. */
export interface PausedSchedule {
  kind: HostSchedule['kind'];
  name: string;
  /** What runs and when, in words: `"dten … reindex" at 02:30, every day`. */
  description: string;
  reason: string;
  firesAt: string | undefined;
}

/** The schedules that would fire inside the window; a timer that is not active is left alone (nothing to pause). */
export async function planSchedulePause(
  schedules: readonly HostSchedule[],
  window: TimeWindow,
  timeZone: string,
  services: ServicePort,
): Promise<PausedSchedule[]> {
  const plan: PausedSchedule[] = [];
  for (const schedule of schedules) {
    const firing = schedule.tasks
      .map((task) => ({ task, fire: findFireInWindow(task, window, timeZone) }))
      .filter(({ fire }) => fire.fires)
      .sort((a, b) => (a.fire.at?.getTime() ?? 0) - (b.fire.at?.getTime() ?? 0))[0];
    if (firing === undefined) continue;
    if (schedule.kind === 'timer' && !(await services.isActive(schedule.name))) continue;
    plan.push({
      kind: schedule.kind,
      name: schedule.name,
      description: `"${firing.task.command}" ${firing.task.description}`,
      reason: firing.fire.reason,
      firesAt: firing.fire.at?.toISOString(),
    });
  }
  return plan;
}
