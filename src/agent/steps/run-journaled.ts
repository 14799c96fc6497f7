import type { Journal } from '../host/journal.js';

/**
 * Runs a side effect once per rollout on this host: a step already `done` returns its recorded result; one that
 * was `started` when the agent died runs again, so every step must be safe to repeat (each host block is).
 */
export async function runJournaled<T>(journal: Journal, step: string, work: () => Promise<T>): Promise<T> {
  if (journal.hasDone(step)) return journal.lastData<T>(step) as T;
  await journal.record(step, 'started');
  const result = await work();
  await journal.record(step, 'done', result ?? null);
  return result;
}
