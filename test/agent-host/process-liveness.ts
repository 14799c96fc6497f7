import { expect, vi } from 'vitest';

/** Whether a process with this pid exists (a zombie counts until it is reaped). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** An exited child stays in the process table until it is reaped; wait for that, then it is truly gone. */
export async function expectGone(pid: number): Promise<void> {
  await vi.waitFor(() => expect(isRunning(pid)).toBe(false), { timeout: 2_000, interval: 20 });
}
