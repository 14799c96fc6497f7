import type { Rollout } from '../core/rollout/rollout.js';
import type { StatusKind } from '../messages/chat/status/status-placeholders.js';

/** Audit events that customers hear about, and the status template each one uses. */
const ANNOUNCED: Partial<Record<Rollout['audit'][number]['event'], StatusKind>> = {
  schedule: 'scheduled',
  'window-opened': 'started',
  'extend-window': 'extended',
  'cleanup-finished': 'completed',
  'rollback-finished': 'rolled-back',
};

/**
 * The audit entries the status channel announces, by their index in the log (what makes each post happen once):
 * real moves of the announced events, every window extension, and "completed" only the first time, since a cleanup
 * a person runs again after the rollout finished is internal.
 */
export function announcedEntries(rollout: Rollout): Array<{ index: number; kind: StatusKind }> {
  const announced: Array<{ index: number; kind: StatusKind }> = [];
  let completed = false;
  for (const [index, entry] of rollout.audit.entries()) {
    const kind = ANNOUNCED[entry.event];
    if (kind === undefined || (entry.from === entry.to && entry.event !== 'extend-window')) continue;
    if (kind === 'completed') {
      if (completed) continue;
      completed = true;
    }
    announced.push({ index, kind });
  }
  return announced;
}
