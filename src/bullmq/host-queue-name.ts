import { HOST_ID } from '../core/rollout/plan.js';

/** Every host queue starts with this; nothing else dten creates does. */
export const HOST_QUEUE_PREFIX = 'dten-host-';

/** One queue per host (BullMQ has no selective consume). Host ids are already safe: no `:`, no spaces, ≤ 128. */
export function hostQueueName(hostId: string): string {
  if (!HOST_ID.test(hostId)) {
    throw new TypeError(
      `"${hostId.slice(0, 140)}" cannot name a host queue: use letters, digits, dot, dash or underscore`,
    );
  }
  return HOST_QUEUE_PREFIX + hostId;
}
