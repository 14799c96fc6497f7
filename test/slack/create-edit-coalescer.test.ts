import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEditCoalescer } from '../../src/commands/create-edit-coalescer.js';

class RateLimited extends Error {
  constructor(readonly waitMs: number) {
    super('rate limited');
  }
}

/** A coalescer whose sends are recorded; `refuse` makes the next sends fail with the given errors. */
function recorded(intervalMs = 1_000) {
  const sent: [string, number][] = [];
  const refuse: Error[] = [];
  const coalescer = createEditCoalescer<number>({
    intervalMs,
    retryAfterMs: (error) => (error instanceof RateLimited ? error.waitMs : undefined),
    send(key, content) {
      const refusal = refuse.shift();
      if (refusal) return Promise.reject(refusal);
      sent.push([key, content]);
      return Promise.resolve();
    },
  });
  return { coalescer, sent, refuse };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('coalescing progress edits', () => {
  it('when fifty edits of one message arrive at once, only the last is sent, and every caller hears it landed', async () => {
    const { coalescer, sent } = recorded();
    const edits = Array.from({ length: 50 }, (_, i) => coalescer.edit('C1/100.1', i));
    await Promise.all(edits);
    expect(sent).toEqual([['C1/100.1', 49]]);
  });

  it('an edit soon after another waits until a second has passed since the last send, then sends the newest', async () => {
    vi.useFakeTimers();
    const { coalescer, sent } = recorded();
    const first = coalescer.edit('C1/100.1', 1);
    await vi.advanceTimersByTimeAsync(0);
    await first;
    await vi.advanceTimersByTimeAsync(100);
    const second = coalescer.edit('C1/100.1', 2);
    const third = coalescer.edit('C1/100.1', 3);
    await vi.advanceTimersByTimeAsync(898);
    expect(sent).toEqual([['C1/100.1', 1]]);
    await vi.advanceTimersByTimeAsync(2);
    await Promise.all([second, third]);
    expect(sent).toEqual([
      ['C1/100.1', 1],
      ['C1/100.1', 3],
    ]);
  });

  it('edits of different messages do not wait for each other', async () => {
    vi.useFakeTimers();
    const { coalescer, sent } = recorded();
    const edits = [coalescer.edit('C1/100.1', 1), coalescer.edit('C1/100.2', 1), coalescer.edit('C2/100.1', 1)];
    await vi.advanceTimersByTimeAsync(0);
    await Promise.all(edits);
    expect(sent.map(([key]) => key)).toEqual(['C1/100.1', 'C1/100.2', 'C2/100.1']);
  });

  it('when Slack rate-limits a send, it waits what Slack asked, then sends whatever is newest by then, once', async () => {
    vi.useFakeTimers();
    const { coalescer, sent, refuse } = recorded();
    refuse.push(new RateLimited(5_000));
    const refused = coalescer.edit('C1/100.1', 1);
    await vi.advanceTimersByTimeAsync(0);
    const newer = coalescer.edit('C1/100.1', 2);
    await vi.advanceTimersByTimeAsync(4_990);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(10);
    await Promise.all([refused, newer]);
    expect(sent).toEqual([['C1/100.1', 2]]);
  });

  it('when a send fails for good, its callers hear why, and the next edit is still sent', async () => {
    vi.useFakeTimers();
    const { coalescer, sent, refuse } = recorded();
    refuse.push(new Error('message_not_found'));
    const failed = coalescer.edit('C1/100.1', 1);
    const caught = failed.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(0);
    await expect(caught).resolves.toMatchObject({ message: 'message_not_found' });
    const next = coalescer.edit('C1/100.1', 2);
    await vi.advanceTimersByTimeAsync(1_000);
    await next;
    expect(sent).toEqual([['C1/100.1', 2]]);
  });

  it('flush waits for the edits still waiting their turn, and resolves at once when there are none', async () => {
    vi.useFakeTimers();
    const { coalescer, sent } = recorded();
    await coalescer.flush();
    void coalescer.edit('C1/100.1', 1);
    await vi.advanceTimersByTimeAsync(0);
    void coalescer.edit('C1/100.1', 2);
    let flushed = false;
    const flushing = coalescer.flush().then(() => (flushed = true));
    await vi.advanceTimersByTimeAsync(500);
    expect(flushed).toBe(false);
    await vi.advanceTimersByTimeAsync(500);
    await flushing;
    expect(sent.at(-1)).toEqual(['C1/100.1', 2]);
  });
});
