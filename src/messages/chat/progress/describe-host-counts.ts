import { HOST_STATES, type HostState } from '../../../core/rollout/host-state.js';

/** `healthy 400 · installing 20 · pending 576`: the states that have hosts, in the order hosts go through them. */
export function describeHostCounts(counts: Readonly<Record<HostState, number>>): string {
  return HOST_STATES.filter((state) => counts[state] > 0)
    .map((state) => `${state.replaceAll('-', ' ')} ${counts[state].toLocaleString('en-US')}`)
    .join(' · ');
}
