import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `isMoving` until it says no (true), the time is up or `signal` aborts (false). A failing check counts as
 * still: waiting longer would not help.
 */
export async function waitUntilStill(
  isMoving: () => Promise<boolean>,
  options: { timeoutMs: number; pollMs?: number; signal?: AbortSignal },
): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  while (await isMoving().catch(() => false)) {
    if (Date.now() >= deadline || options.signal?.aborted) return false;
    const aborted = await sleep(options.pollMs ?? 500, false, { signal: options.signal }).catch(() => true);
    if (aborted) return false;
  }
  return true;
}
