import { join } from 'node:path';
import { checkPathSegment } from './check-path-segment.js';
import type { HostLayout } from './host-layout.js';

export const PAUSE_SCHEDULES_STEP = 'pause-schedules';
export const RESTORE_SCHEDULES_STEP = 'restore-schedules';

/** Where a paused cron.d file waits: `var/lib/dten/paused/<rolloutId>/cron.d/<name>`. */
export function pausedCronFile(layout: HostLayout, rolloutId: string, name: string): string {
  return join(
    layout.pausedDir,
    checkPathSegment('rollout id', rolloutId),
    'cron.d',
    checkPathSegment('cron file', name),
  );
}
