import type { Journal } from '../host/journal.js';

/**
 * Runs a side effect once per rollout on this host: a step already `done` returns its recorded result, unless
 * `redo` asks to run it again (recorded as `started`, then `done` with the new result); one that was `started`
 * when the agent died runs again, so every step must be safe to repeat (each host block is).
 */
export async function runJournaled<T>(
  journal: Journal,
  step: string,
  work: () => Promise<T>,
  options: { redo?: (recorded: T) => boolean } = {},
): Promise<T> {
  if (journal.hasDone(step)) {
    const recorded = journal.lastData<T>(step) as T;
    if (!options.redo?.(recorded)) return recorded;
  }
  await journal.record(step, 'started');
  const result = await work();
  await journal.record(step, 'done', result ?? null);
  return result;
}
