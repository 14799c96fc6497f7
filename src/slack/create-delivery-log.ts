export interface DeliveryLog {
  /** True the first time `id` is seen within the retention; false for a retry or replay of it. */
  firstTime(id: string): boolean;
}

/**
 * Remembers which Slack deliveries were handled (in memory: one bot process). Slack retries an event up to three
 * times within minutes, so an hour's retention is plenty; `max` bounds memory under a flood.
 */
export function createDeliveryLog(options: { retainMs?: number; max?: number } = {}): DeliveryLog {
  const retainMs = options.retainMs ?? 60 * 60 * 1_000;
  const max = options.max ?? 10_000;
  const seen = new Map<string, number>();
  return {
    firstTime(id) {
      const now = Date.now();
      // Insertion order is arrival order: the oldest entries are first.
      for (const [old, at] of seen) {
        if (now - at < retainMs && seen.size < max) break;
        seen.delete(old);
      }
      if (seen.has(id)) return false;
      seen.set(id, now);
      return true;
    },
  };
}
