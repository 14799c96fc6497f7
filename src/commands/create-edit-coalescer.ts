export interface EditCoalescer<C> {
  /**
   * Asks for `content` to become what `key` shows. Resolves once it, or newer content for the same key, has been
   * sent; rejects with the error of that send.
   */
  edit(key: string, content: C): Promise<void>;
  /** Resolves when nothing is waiting or being sent (the composition root calls it before closing the client). */
  flush(): Promise<void>;
}

export interface EditCoalescerOptions<C> {
  send(key: string, content: C): Promise<void>;
  /** Least time between the starts of two sends for one key (default 1,000 ms: Slack's ~1 edit/s per message). */
  intervalMs?: number;
  /** How long a refused send asks to wait (a 429's Retry-After); `undefined` when the error is final. */
  retryAfterMs?(error: unknown): number | undefined;
}

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

interface Slot<C> {
  pending?: { content: C; waiters: Waiter[] };
  sending: boolean;
  timer?: ReturnType<typeof setTimeout>;
  /** No send for this key starts before this time (ms since the epoch). */
  readyAt: number;
}

/**
 * Coalesces and rate-limits edits per key (Slack: per message ts): only the newest content is sent, at most one
 * send per `intervalMs` and one at a time; a rate-limited send is retried after the wait it names, with whatever
 * content is newest by then, so the final revision is delayed but never lost.
 */
export function createEditCoalescer<C>(options: EditCoalescerOptions<C>): EditCoalescer<C> {
  const intervalMs = options.intervalMs ?? 1_000;
  const slots = new Map<string, Slot<C>>();
  let idle: (() => void)[] = [];

  const quiet = (): boolean => [...slots.values()].every((slot) => !slot.pending && !slot.sending);
  const settleIdle = (): void => {
    if (!quiet()) return;
    const waiting = idle;
    idle = [];
    waiting.forEach((resolve) => resolve());
  };

  // One timer per slot, due when the next send may start: it sends what is pending, or forgets an idle slot.
  const arm = (key: string, slot: Slot<C>): void => {
    slot.timer = setTimeout(
      () => {
        slot.timer = undefined;
        if (slot.pending) void run(key, slot);
        else slots.delete(key);
      },
      Math.max(0, slot.readyAt - Date.now()),
    );
    if (!slot.pending) slot.timer.unref?.();
  };

  const run = async (key: string, slot: Slot<C>): Promise<void> => {
    const taken = slot.pending;
    if (!taken) return;
    slot.pending = undefined;
    slot.sending = true;
    slot.readyAt = Date.now() + intervalMs;
    try {
      await options.send(key, taken.content);
      taken.waiters.forEach((waiter) => waiter.resolve());
    } catch (error) {
      const retryMs = options.retryAfterMs?.(error);
      if (retryMs === undefined) {
        taken.waiters.forEach((waiter) => waiter.reject(error));
      } else {
        // Newer content, if any, goes instead; its waiters and these learn the outcome of that send.
        const newer = slot.pending as Slot<C>['pending'];
        slot.pending = newer ? { content: newer.content, waiters: [...taken.waiters, ...newer.waiters] } : taken;
        slot.readyAt = Math.max(slot.readyAt, Date.now() + retryMs);
      }
    } finally {
      slot.sending = false;
    }
    settleIdle();
    arm(key, slot);
  };

  return {
    edit(key, content) {
      return new Promise<void>((resolve, reject) => {
        const slot = slots.get(key) ?? { sending: false, readyAt: 0 };
        slots.set(key, slot);
        const waiters = slot.pending?.waiters ?? [];
        waiters.push({ resolve, reject });
        slot.pending = { content, waiters };
        if (slot.sending) return;
        // An idle slot's timer does not keep Node up; now that it carries an edit, it must.
        if (slot.timer) slot.timer.ref?.();
        else arm(key, slot);
      });
    },
    flush() {
      return quiet() ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve));
    },
  };
}
