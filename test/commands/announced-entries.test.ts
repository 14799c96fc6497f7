import { describe, expect, it } from 'vitest';
import { announcedEntries } from '../../src/commands/announced-entries.js';
import type { AuditEntry } from '../../src/core/rollout/audit-entry.js';
import type { RolloutEventName } from '../../src/core/rollout/rollout-event.js';
import type { RolloutState } from '../../src/core/rollout/rollout-state.js';
import { alice, controlPlane, rolloutIn } from '../rollout-core/rollout-fixtures.js';

const entry = (event: RolloutEventName, from: RolloutState, to: RolloutState): AuditEntry => ({
  at: '2026-11-28T22:00:00.000Z',
  event,
  from,
  to,
  actor: event === 'retry-cleanup' || event === 'approve' ? alice : controlPlane,
});

describe('what the status channel announces', () => {
  it('announces scheduled, started, extended and completed, and "completed" only once when cleanup is run again', () => {
    const audit = [
      entry('approve', 'awaiting-approval', 'approved'),
      entry('schedule', 'approved', 'scheduled'),
      entry('window-opened', 'scheduled', 'running'),
      entry('extend-window', 'running', 'running'),
      entry('verify-ok', 'verifying', 'cleaning'),
      entry('cleanup-finished', 'cleaning', 'done'),
      entry('retry-cleanup', 'done', 'cleaning'),
      entry('cleanup-finished', 'cleaning', 'done'),
    ];
    expect(announcedEntries(rolloutIn('done', { audit }))).toEqual([
      { index: 1, kind: 'scheduled' },
      { index: 2, kind: 'started' },
      { index: 3, kind: 'extended' },
      { index: 5, kind: 'completed' },
    ]);
  });

  it('announces a rollback that failed somewhere once, however often it is run again and fails again', () => {
    const audit = [
      entry('threshold-exceeded', 'running', 'rolling-back'),
      entry('rollback-failed', 'rolling-back', 'failed'),
      entry('rollback', 'failed', 'rolling-back'),
      entry('rollback-failed', 'rolling-back', 'failed'),
      entry('rollback', 'failed', 'rolling-back'),
      entry('rollback-finished', 'rolling-back', 'rolled-back'),
    ];
    // Said while it was the latest news (the reactor syncs as each entry lands); later only what came after.
    expect(announcedEntries(rolloutIn('failed', { audit: audit.slice(0, 2) }))).toEqual([
      { index: 1, kind: 'interrupted' },
    ]);
    expect(announcedEntries(rolloutIn('failed', { audit: audit.slice(0, 4) }))).toEqual([]);
    expect(announcedEntries(rolloutIn('rolled-back', { audit }))).toEqual([{ index: 5, kind: 'rolled-back' }]);
  });

  it('closes a failed rollback when a person lets its hosts go, and never promises what is over by then', () => {
    const audit = [
      entry('threshold-exceeded', 'running', 'rolling-back'),
      entry('rollback-failed', 'rolling-back', 'failed'),
      { ...entry('let-hosts-go', 'failed', 'failed'), actor: alice },
    ];
    // A rollback that failed before this dten announced it: letting its hosts go says it is over, and only that.
    expect(announcedEntries(rolloutIn('failed', { audit }))).toEqual([{ index: 2, kind: 'resolved' }]);
  });

  it('tells customers nothing when a person lets go of the hosts a completed rollout kept', () => {
    const audit = [
      entry('cleanup-finished', 'cleaning', 'done'),
      { ...entry('let-hosts-go', 'done', 'done'), actor: alice },
    ];
    expect(announcedEntries(rolloutIn('done', { audit }))).toEqual([{ index: 0, kind: 'completed' }]);
  });

  it('does not announce a refused move, and announces a rollback', () => {
    const audit = [
      entry('schedule', 'scheduled', 'scheduled'),
      entry('rollback-finished', 'rolling-back', 'rolled-back'),
    ];
    expect(announcedEntries(rolloutIn('rolled-back', { audit }))).toEqual([{ index: 1, kind: 'rolled-back' }]);
  });
});
