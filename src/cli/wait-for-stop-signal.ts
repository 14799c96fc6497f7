/** Resolves on the first SIGTERM or SIGINT: a long-running command then shuts down in bounded time. */
export function waitForStopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
}
