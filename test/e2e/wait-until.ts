/**
 * Polls `check` until it returns something other than undefined; past `timeoutMs`, fails saying `describe`
 * (or what `describe()` says was seen last). Tests wait for outcomes this way and never assert how long they took.
 */
export async function waitUntil<T>(
  check: () => Promise<T | undefined>,
  describe: string | (() => Promise<string> | string),
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`gave up after ${timeoutMs} ms: ${typeof describe === 'string' ? describe : await describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
