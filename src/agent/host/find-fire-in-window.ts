import { CronExpressionParser } from 'cron-parser';
import type { ScheduledTask } from '../../preflight/detectors/scheduled-task/scheduled-task.js';
import { onCalendarToCron } from '../../core/time/on-calendar-to-cron.js';
import type { TimeWindow } from './time-window.js';

/** Whether a task fires inside the window; `at` is the first time it does, when that can be known. */
export interface FireInWindow {
  fires: boolean;
  at: Date | undefined;
  /** Why, in words: "fires at …", "runs only at start-up", "could not be evaluated, so it is paused to be safe". */
  reason: string;
}

const BOOT_ONLY = /^(OnBootSec|OnStartupSec)$/;

/**
 * Evaluates a cron line or a timer's triggers against the window in the host's time zone (cron-parser computes
 * the next fire time). What cannot be evaluated, and timers that repeat on a monotonic clock, count as firing.
 */
export function findFireInWindow(task: ScheduledTask, window: TimeWindow, timeZone: string): FireInWindow {
  if (task.kind === 'crontab') {
    if (task.schedule.toLowerCase() === '@reboot')
      return { fires: false, at: undefined, reason: 'runs only at start-up' };
    return nextFire(task.schedule, window, timeZone);
  }
  if (task.kind !== 'systemd-timer') return unknown(`${task.kind} schedules are not evaluated`);
  const results = task.schedule.split('; ').map((trigger): FireInWindow => {
    const [directive = '', value = ''] = trigger.split(/=(.*)/s);
    if (BOOT_ONLY.test(directive))
      return { fires: false, at: undefined, reason: `${directive} runs only after a start-up` };
    if (directive !== 'OnCalendar') return unknown(`${directive} repeats on a monotonic clock`);
    const cron = onCalendarToCron(value);
    return cron === undefined
      ? unknown(`OnCalendar=${value} is not understood`)
      : nextFire(cron.cron, window, cron.timeZone ?? timeZone);
  });
  return results.find((result) => result.fires) ?? results[0] ?? unknown('the timer has no trigger');
}

function nextFire(expression: string, window: TimeWindow, timeZone: string): FireInWindow {
  try {
    const currentDate = new Date(window.start.getTime() - 1);
    const at = CronExpressionParser.parse(expression, { currentDate, tz: timeZone }).next().toDate();
    return at < window.end
      ? { fires: true, at, reason: `fires at ${at.toISOString()}, inside the window` }
      : { fires: false, at: undefined, reason: `next fires at ${at.toISOString()}, after the window` };
  } catch {
    return unknown(`"${expression}" could not be evaluated`);
  }
}

function unknown(why: string): FireInWindow {
  return { fires: true, at: undefined, reason: `${why}, so it is paused to be safe` };
}
