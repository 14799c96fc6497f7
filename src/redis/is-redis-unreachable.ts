import { isNotConnectionError } from 'bullmq';

// ioredis, when a command meets no connection: a producer fails at once (no offline queue), a closed one says so.
const NO_CONNECTION = /Stream isn't writeable|Connection is closed|Reached the max retries per request/;

/** True for an error that says Redis could not be reached, not that a command or its data was wrong. */
export function isRedisUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return !isNotConnectionError(error) || NO_CONNECTION.test(error.message);
}
