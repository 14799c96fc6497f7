// ioredis, when a command meets no connection: a producer fails at once (no offline queue), a closed one says so.
const NO_CONNECTION = /Stream isn't writeable|Connection is closed|Reached the max retries per request|ECONNREFUSED/;
// The socket's own failures while Redis goes away or comes back.
const SOCKET_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** True for an error that says Redis could not be reached, not that a command or its data was wrong. */
export function isRedisUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = error as NodeJS.ErrnoException;
  return (code !== undefined && SOCKET_CODES.has(code)) || NO_CONNECTION.test(error.message);
}
