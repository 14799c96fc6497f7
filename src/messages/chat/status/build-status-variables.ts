import type { Rollout } from '../../../core/rollout/rollout.js';
import { windowEnd } from '../../../core/rollout/window-end.js';
import { formatDuration } from '../../../core/time/format-duration.js';
import { formatUtc } from '../format-utc.js';
import { pickStatusReason } from './pick-status-reason.js';
import { STATUS_PLACEHOLDERS, type StatusKind, type StatusVariables } from './status-placeholders.js';
import { STATUS_REASONS, type StatusReason } from './status-reasons.js';

export interface StatusContext {
  /** The product as customers know it (the plan knows only the package version). */
  product: string;
  now: Date;
  /** Defaults to what the audit log says (see pickStatusReason). */
  reason?: StatusReason;
}

/** The values of a status update, from the rollout's plan, window and audit log: no host ids, by construction. */
export function buildStatusVariables<K extends StatusKind>(
  rollout: Rollout,
  kind: K,
  context: StatusContext,
): StatusVariables<K> {
  const { plan } = rollout;
  const started = rollout.audit.find((entry) => entry.event === 'window-opened')?.at ?? plan.window.start;
  const ranMs = Math.max(0, context.now.getTime() - Date.parse(started));
  const all: Record<string, string> = {
    product: context.product,
    version: plan.packageVersion,
    'window.start': formatUtc(plan.window.start),
    'window.end': formatUtc(windowEnd(plan.window)),
    'window.duration': formatDuration(plan.window.durationMinutes * 60_000),
    'window.newEnd': formatUtc(windowEnd(rollout.window)),
    // Whole minutes: "took 48m", not "took 48m 7s"; a quick one is "less than a minute", not "1m".
    duration: ranMs < 60_000 ? 'less than a minute' : formatDuration(Math.round(ranMs / 60_000) * 60_000),
  };
  if (kind === 'extended' || kind === 'rolled-back' || kind === 'interrupted') {
    all.reason = STATUS_REASONS[context.reason ?? pickStatusReason(rollout, kind)];
  }
  const names: readonly string[] = STATUS_PLACEHOLDERS[kind];
  return Object.fromEntries(names.map((name) => [name, all[name] ?? ''])) as StatusVariables<K>;
}
