/** How long a stopping command waits for what it is closing: a step cut short resumes from its journal or record. */
const STOP_GRACE_MS = 30_000;

/**
 * Waits for everything being closed, but no longer than the grace period: a Worker's close waits for its active job
 * without a limit, and SIGTERM must end the process in bounded time.
 */
export async function closeWithinGrace(closing: ReadonlyArray<Promise<unknown> | undefined>): Promise<void> {
  const all = Promise.all(closing.filter((close) => close !== undefined));
  await Promise.race([all, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref())]);
}
