import { Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { HOSTS_PER_BATCH } from '../control/enqueue-host-jobs.js';
import type { HostJobStatus } from '../control/host-job-port.js';

/** Where a rollout's batches of one step are listed, newest first by score: `<prefix>:rollout:<id>:batches:<step>`. */
export function batchListKey(prefix: string, rolloutId: string, step: string): string {
  return `${prefix}:rollout:${rolloutId}:batches:${step}`;
}

/**
 * What the wake jobs of a rollout's batches know about the host jobs below them: for each child key
 * (`<prefix>:<queue>:<job id>`) its result, its failure (`ignoreDependencyOnFailure` keeps it on the parent), or that
 * it is not finished. Newest batch first, a key found in a newer batch wins, and it stops once every key asked for is
 * found: each round reads, at once, as many of the next batches as the keys still missing need (a batch holds at most
 * `HOSTS_PER_BATCH`), so a wave reads its own batch and a thousand-host step its ten together. A key in no batch is
 * left out (its job was added on its own, or vanished).
 */
export async function readHostBatches(
  redis: Redis,
  control: Queue,
  listKey: string,
  childKeys: readonly string[],
): Promise<Map<string, HostJobStatus>> {
  const found = new Map<string, HostJobStatus>();
  const wanted = new Set(childKeys);
  const wakeIds = await redis.zrevrange(listKey, 0, -1);
  let next = 0;
  while (next < wakeIds.length && found.size < wanted.size) {
    const round = wakeIds.slice(next, next + Math.ceil((wanted.size - found.size) / HOSTS_PER_BATCH));
    next += round.length;
    for (const batch of await Promise.all(round.map((wakeId) => readBatch(control, wakeId)))) {
      if (!batch) continue;
      const { results, failures, unprocessed } = batch;
      for (const key of wanted) {
        if (found.has(key)) continue;
        if (Object.hasOwn(results, key)) found.set(key, { state: 'completed', result: results[key] });
        else if (Object.hasOwn(failures, key))
          found.set(key, { state: 'failed', reason: failures[key] || 'the agent gave no reason' });
        else if (unprocessed.has(key)) found.set(key, { state: 'waiting' });
      }
    }
  }
  return found;
}

/** One batch's children as its wake job holds them; undefined when the wake job is gone (or was never added). */
async function readBatch(
  control: Queue,
  wakeId: string,
): Promise<
  { results: Record<string, unknown>; failures: Record<string, string>; unprocessed: Set<string> } | undefined
> {
  const wake = await Job.fromId(control, wakeId);
  if (!wake) return undefined;
  const [results, failures, unprocessed] = await Promise.all([
    wake.getChildrenValues<unknown>(),
    wake.getIgnoredChildrenFailures(),
    readUnprocessed(wake),
  ]);
  return { results, failures, unprocessed };
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
