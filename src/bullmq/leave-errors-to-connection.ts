/**
 * BullMQ hands each error of a shared connection to every Queue and FlowProducer on it, and prints each copy with its
 * stack when nothing listens: a Redis outage under a thousand host queues would be a thousand stack traces a second.
 * The connection says it once (createRedisConnection's `log`), so these copies are dropped here.
 */
export function leaveErrorsToConnection<T extends { on(event: 'error', listener: (error: Error) => void): unknown }>(
  emitter: T,
): T {
  emitter.on('error', () => undefined);
  return emitter;
}
