import { planWaves } from './plan-waves.js';
import type { Rollout } from './rollout.js';
import type { RolloutEventName } from './rollout-event.js';
import type { RolloutState } from './rollout-state.js';

/** A target state, or a rule that picks one from the rollout after its wave bookkeeping was applied. */
export type TransitionTarget = RolloutState | ((rollout: Rollout) => RolloutState);

const afterWave = (rollout: Rollout): RolloutState =>
  (rollout.wave?.index ?? 0) >= planWaves(rollout.plan).length - 1 ? 'verifying' : 'running';
const stopBeforeAnyHost = { abort: 'failed' } as const;
const lapse = { expire: 'expired', 'window-ended': 'expired', ...stopBeforeAnyHost } as const;
const undo = { rollback: 'rolling-back', abort: 'rolling-back' } as const;

/**
 * Every state and the events it takes; an event missing from a state is refused. Ended states take none, but for a
 * done rollout whose cleanup failed somewhere and a failed one whose rollback did: a person may run either again, or
 * give up on the failed one.
 */
export const TRANSITIONS: Readonly<Record<RolloutState, Partial<Record<RolloutEventName, TransitionTarget>>>> = {
  draft: { 'preflight-passed': 'preflighted', ...stopBeforeAnyHost },
  preflighted: { 'request-approval': 'awaiting-approval', ...stopBeforeAnyHost },
  'awaiting-approval': { approve: 'approved', reject: 'draft', ...lapse },
  approved: { schedule: 'scheduled', ...lapse },
  scheduled: { 'window-opened': 'running', ...lapse },
  running: {
    'wave-started': 'running',
    'wave-succeeded': afterWave,
    'wave-failed': afterWave,
    'threshold-exceeded': 'rolling-back',
    'budget-exceeded': 'rolling-back',
    pause: 'paused',
    'window-ended': 'paused',
    'extend-window': 'running',
    ...undo,
  },
  verifying: {
    'verify-ok': 'cleaning',
    'threshold-exceeded': 'rolling-back',
    'budget-exceeded': 'rolling-back',
    pause: 'paused',
    'window-ended': 'paused',
    'extend-window': 'verifying',
    ...undo,
  },
  paused: {
    resume: (rollout) => rollout.pausedFrom ?? 'running',
    'window-ended': 'paused',
    'extend-window': 'paused',
    ...undo,
  },
  // Cleanup restores paused schedules: it finishes even past the window.
  cleaning: { 'cleanup-finished': 'done', 'window-ended': 'cleaning', 'extend-window': 'cleaning' },
  'rolling-back': {
    'rollback-finished': 'rolled-back',
    'rollback-failed': 'failed',
    'window-ended': 'rolling-back',
    'extend-window': 'rolling-back',
  },
  // A done rollout that keeps hosts it could not put back lets them go when a person says so (hostsKept).
  done: { 'retry-cleanup': 'cleaning', 'let-hosts-go': 'done' },
  'rolled-back': {},
  // A rollback that failed on some hosts runs again there once a person fixed what they said (commandRollout refuses
  // it for a rollout that failed before any host changed); or a person lets the hosts it left changed go as they are
  // (hostsKept). Abort itself is refused: the driver's own abort of a draft a person aborted first must not land.
  failed: { rollback: 'rolling-back', 'let-hosts-go': 'failed' },
  expired: {},
};
