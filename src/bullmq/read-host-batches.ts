import { Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { HostJobStatus } from '../control/host-job-port.js';

/** Where a rollout's batches of one step are listed, newest first by score: `<prefix>:rollout:<id>:batches:<step>`. */
export function batchListKey(prefix: string, rolloutId: string, step: string): string {
  return `${prefix}:rollout:${rolloutId}:batches:${step}`;
}

/**
 * What the wake jobs of a rollout's batches know about the host jobs below them: for each child key
 * (`<prefix>:<queue>:<job id>`) its result, its failure (`ignoreDependencyOnFailure` keeps it on the parent), or that
 * it is not finished. Three reads per batch, newest batch first, stopping once every key asked for is found; a key
 * in no batch is left out (its job was added on its own, or vanished).
 */
export async function readHostBatches(
  redis: Redis,
  control: Queue,
  listKey: string,
  childKeys: readonly string[],
): Promise<Map<string, HostJobStatus>> {
  const found = new Map<string, HostJobStatus>();
  const wanted = new Set(childKeys);
  for (const wakeId of await redis.zrevrange(listKey, 0, -1)) {
    if (found.size === wanted.size) break;
    const wake = await Job.fromId(control, wakeId);
    if (!wake) continue;
    const [results, failures, unprocessed] = await Promise.all([
      wake.getChildrenValues<unknown>(),
      wake.getIgnoredChildrenFailures(),
      readUnprocessed(wake),
    ]);
    for (const key of wanted) {
      if (found.has(key)) continue;
      if (Object.hasOwn(results, key)) found.set(key, { state: 'completed', result: results[key] });
      else if (Object.hasOwn(failures, key))
        found.set(key, { state: 'failed', reason: failures[key] || 'the agent gave no reason' });
      else if (unprocessed.has(key)) found.set(key, { state: 'waiting' });
    }
  }
  return found;
}

async function readUnprocessed(wake: Job): Promise<Set<string>> {
  const keys = new Set<string>();
  let cursor = 0;
  do {
    const page = await wake.getDependencies({ unprocessed: { cursor, count: 1000 } });
    for (const key of page.unprocessed ?? []) keys.add(key);
    cursor = page.nextUnprocessedCursor ?? 0;
  } while (cursor !== 0);
  return keys;
}
