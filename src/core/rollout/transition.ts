import { advanceWave } from './advance-wave.js';
import type { Actor, AuditEntry } from './audit-entry.js';
import { extendWindow } from './extend-window.js';
import type { Rollout } from './rollout.js';
import { nameEvent, type RolloutEvent } from './rollout-event.js';
import { TRANSITIONS } from './transition-table.js';
import { TransitionRefused } from './transition-refused.js';
import { windowEnd } from './window-end.js';

/** The rollout after `event`, with its audit entry appended; throws TransitionRefused and changes nothing otherwise. */
export function transition(rollout: Rollout, event: RolloutEvent, actor: Actor, now: Date, detail?: string): Rollout {
  const name = nameEvent(event);
  const target = TRANSITIONS[rollout.state][name];
  if (target === undefined) throw new TransitionRefused(rollout.state, name);
  const extension = typeof event !== 'string' && event.name === 'extend-window' ? event.minutes : undefined;
  const window = extension === undefined ? rollout.window : extendWindow(rollout.window, extension);
  const moved: Rollout = { ...rollout, wave: advanceWave(rollout, event), window };
  const to = typeof target === 'function' ? target(moved) : target;
  const entry: AuditEntry = { at: now.toISOString(), from: rollout.state, to, event: name, actor };
  if (moved.wave) entry.wave = moved.wave.index;
  const said = detail ?? (extension === undefined ? undefined : describeExtension(extension, windowEnd(window)));
  if (said !== undefined) entry.detail = said;
  return {
    ...moved,
    state: to,
    pausedFrom: to !== 'paused' ? undefined : rollout.state === 'paused' ? rollout.pausedFrom : rollout.state,
    audit: [...rollout.audit, entry],
  };
}

function describeExtension(minutes: number, end: Date): string {
  return `window extended by ${minutes} minutes; it now ends at ${end.toISOString()}`;
}
