import type { Queue } from 'bullmq';
import type { RolloutStore } from '../control/rollout-store.js';
import { ACTIVE_STATES } from '../core/rollout/active-states.js';
import type { RolloutState } from '../core/rollout/rollout-state.js';
import { rolloutStepJobId } from '../jobs/job-id.js';

/** A rollout not over has a driver, unless it is paused: then a person decides next. */
const DRIVEN: ReadonlySet<RolloutState> = new Set([...ACTIVE_STATES].filter((state) => state !== 'paused'));

/**
 * Starts a driver for every rollout that should have one and whose step job is gone or failed (a step job that
 * ran out of attempts, a Redis that lost it), and has every rollout not over hold its hosts (`adoptHosts`). Run at
 * start-up and now and then; returns the ids it restarted.
 */
export async function ensureDrivers(
  queue: Queue,
  store: RolloutStore,
  startDriver: (rolloutId: string) => Promise<void>,
  limit = 1000,
): Promise<string[]> {
  const restarted: string[] = [];
  for (const rollout of await store.list(limit)) {
    // A rollout an earlier dten made holds no host yet: it takes its hosts before another plan can.
    if (ACTIVE_STATES.has(rollout.state)) await store.adoptHosts(rollout);
    if (!DRIVEN.has(rollout.state)) continue;
    const sequence = await store.currentDriver(rollout.id);
    const state =
      sequence === 0 ? 'unknown' : await queue.getJobState(rolloutStepJobId({ rolloutId: rollout.id, sequence }));
    // A completed driver stopped on purpose (a person decides next); only a lost or failed one is restarted.
    if (state === 'unknown' || state === 'failed') {
      await startDriver(rollout.id);
      restarted.push(rollout.id);
    }
  }
  return restarted;
}
