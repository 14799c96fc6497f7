import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { keepOutputTail } from './keep-output-tail.js';

export interface BoundedProcessResult {
  ok: boolean;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** Why the program could not be started at all (not found, not executable); undefined when it ran. */
  startError?: string;
  /** The last `maxOutputBytes` of each stream. */
  stdout: string;
  stderr: string;
  truncated: boolean;
}

/**
 * Runs a program in its own process group with a timeout that ends the whole group (SIGTERM, then SIGKILL),
 * keeping only the tail of its output. A program that cannot be started is a failed result, not an exception.
 */
export async function runBoundedProcess(
  file: string,
  args: readonly string[],
  options: { cwd: string; env: Readonly<Record<string, string>>; timeoutMs: number; maxOutputBytes: number },
): Promise<BoundedProcessResult> {
  const child = spawn(file, [...args], {
    cwd: options.cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...options.env },
  });
  const stdout = keepOutputTail(options.maxOutputBytes);
  const stderr = keepOutputTail(options.maxOutputBytes);
  child.stdout.on('data', (chunk: Buffer) => stdout.add(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.add(chunk));
  let timedOut = false;
  const kill = (signal: NodeJS.Signals): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    kill('SIGTERM');
    setTimeout(() => kill('SIGKILL'), 5_000).unref();
  }, options.timeoutMs);
  // Listened for from the start: when the pipes close first, 'close' follows 'exit' in the same tick.
  const closed = once(child, 'close').catch(() => undefined);
  try {
    const [exitCode, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    // A helper the program left behind may hold its output open: give the pipes a moment, then stop reading.
    await Promise.race([closed, sleep(2_000, undefined, { ref: false })]);
    child.stdout.destroy();
    child.stderr.destroy();
    const [out, err] = [stdout.text(), stderr.text()];
    const truncated = stdout.truncated() || stderr.truncated();
    return { ok: exitCode === 0 && !timedOut, exitCode, signal, timedOut, stdout: out, stderr: err, truncated };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      exitCode: null,
      signal: null,
      timedOut,
      startError: reason,
      stdout: '',
      stderr: '',
      truncated: false,
    };
  } finally {
    clearTimeout(timer);
  }
}
