import { join } from 'node:path';
import type { HostLayout } from './host-layout.js';
import { HostStepError } from './host-step-error.js';
import { describeHostStepError } from '../../messages/host-step-error-text.js';
import type { Journal } from './journal.js';
import { moveFile } from './move-file.js';
import { pathExists } from './path-exists.js';
import { PAUSE_SCHEDULES_STEP, pausedCronFile, RESTORE_SCHEDULES_STEP } from './paused-cron-file.js';
import type { PausedSchedule } from './plan-schedule-pause.js';
import type { ServicePort } from './service-port.js';

export interface RestoredSchedule {
  kind: PausedSchedule['kind'];
  name: string;
  /**
   * `superseded`: the new release installed its own cron.d file of that name, which is kept (the paused copy
   * stays in `var/lib/dten/paused/`); `missing`: neither the paused copy nor the timer could be found.
   */
  outcome: 'restored' | 'already-restored' | 'superseded' | 'missing';
  detail?: string;
}

/** Puts back exactly what pauseSchedules journaled (even when it was killed half-way), and nothing else. */
export async function restoreSchedules(options: {
  layout: HostLayout;
  rolloutId: string;
  journal: Journal;
  services: ServicePort;
}): Promise<RestoredSchedule[]> {
  const { layout, journal, services } = options;
  if (journal.hasDone(RESTORE_SCHEDULES_STEP))
    return journal.lastData<RestoredSchedule[]>(RESTORE_SCHEDULES_STEP) ?? [];
  const paused = journal.lastData<PausedSchedule[]>(PAUSE_SCHEDULES_STEP) ?? [];
  await journal.record(RESTORE_SCHEDULES_STEP, 'started');
  const restored: RestoredSchedule[] = [];
  for (const { kind, name } of paused) {
    if (kind === 'timer') {
      restored.push({ kind, name, ...(await restartTimer(services, name)) });
      continue;
    }
    const live = join(layout.cronDir, name);
    const parked = pausedCronFile(layout, options.rolloutId, name);
    const [isLive, isParked] = [await pathExists(live), await pathExists(parked)];
    if (isParked && !isLive) await moveFile(parked, live);
    const outcome = isParked ? (isLive ? 'superseded' : 'restored') : isLive ? 'already-restored' : 'missing';
    restored.push({ kind, name, outcome });
  }
  await journal.record(RESTORE_SCHEDULES_STEP, 'done', restored);
  return restored;
}

async function restartTimer(
  services: ServicePort,
  name: string,
): Promise<Pick<RestoredSchedule, 'outcome' | 'detail'>> {
  if (await services.isActive(name)) return { outcome: 'already-restored' };
  try {
    await services.start(name);
    return { outcome: 'restored' };
  } catch (error) {
    if (!(error instanceof HostStepError)) throw error;
    return { outcome: 'missing', detail: describeHostStepError(error as HostStepError) };
  }
}
