import { planWaves } from './plan-waves.js';
import type { Rollout } from './rollout.js';
import { nameEvent, type RolloutEvent } from './rollout-event.js';
import { TransitionRefused } from './transition-refused.js';

/** The wave bookkeeping after an event the state table allowed; refuses events out of wave order. */
export function advanceWave(rollout: Rollout, event: RolloutEvent): Rollout['wave'] {
  const current = rollout.wave;
  const refuse = (reason: TransitionRefused['reason']): never => {
    throw new TransitionRefused(rollout.state, nameEvent(event), reason);
  };
  if (typeof event !== 'string' && event.name === 'wave-started') {
    if (current && !current.finished) return refuse('wave-in-progress');
    const next = current ? current.index + 1 : 0;
    if (next >= planWaves(rollout.plan).length) return refuse('no-wave-left');
    if (event.wave !== next) return refuse('wrong-wave');
    return { index: next, finished: false };
  }
  if (event === 'wave-succeeded' || event === 'wave-failed') {
    if (!current || current.finished) return refuse('no-wave-in-progress');
    return { index: current.index, finished: true };
  }
  return current;
}
