import type { Rollout } from '../core/rollout/rollout.js';
import type { StatusKind } from '../messages/chat/status/status-placeholders.js';

/** Audit events that customers hear about, and the status template each one uses. */
const ANNOUNCED: Partial<Record<Rollout['audit'][number]['event'], StatusKind>> = {
  schedule: 'scheduled',
  'window-opened': 'started',
  'extend-window': 'extended',
  'cleanup-finished': 'completed',
  'rollback-finished': 'rolled-back',
  'rollback-failed': 'interrupted',
  'let-hosts-go': 'resolved',
};

/** Events announced though they leave the state as it was. */
const IN_PLACE: ReadonlySet<string> = new Set(['extend-window', 'let-hosts-go']);

/** Said once however often it happens: a cleanup run again after the rollout finished, a rollback run again failing. */
const ONCE: ReadonlySet<StatusKind> = new Set(['completed', 'interrupted']);

/**
 * The audit entries the status channel announces, by their index in the log (what makes each post happen once):
 * real moves of the announced events, every window extension, and "completed" and "interrupted" only the first time:
 * a cleanup a person runs again after the rollout finished, or a failed rollback that failed again, is internal.
 * "Interrupted" ("our engineers are still working on it") is said only while it is the latest news: a rollback that
 * failed before this dten announced it, found when a person lets its hosts go weeks later, would promise what is
 * over. Letting the hosts go closes it ("resolved").
 */
export function announcedEntries(rollout: Rollout): Array<{ index: number; kind: StatusKind }> {
  const announced: Array<{ index: number; kind: StatusKind }> = [];
  const said = new Set<StatusKind>();
  const last = rollout.audit.length - 1;
  for (const [index, entry] of rollout.audit.entries()) {
    const kind = ANNOUNCED[entry.event];
    if (kind === undefined || (entry.from === entry.to && !IN_PLACE.has(entry.event))) continue;
    // Customers were told a done rollout completed: the hosts it kept, let go later, are internal.
    if (entry.event === 'let-hosts-go' && entry.from !== 'failed') continue;
    if (ONCE.has(kind)) {
      if (said.has(kind)) continue;
      said.add(kind);
    }
    if (kind === 'interrupted' && index !== last) continue;
    announced.push({ index, kind });
  }
  return announced;
}
