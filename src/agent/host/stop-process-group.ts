import { setTimeout as sleep } from 'node:timers/promises';
import { isProcessAlive } from './is-process-alive.js';

const POLL_MS = 50;

/**
 * SIGTERM to the process group the service leads (its helpers too), SIGKILL when it outlives `graceMs`.
 * Resolves with the signal that ended it, or undefined when it was not running.
 */
export async function stopProcessGroup(
  pid: number,
  programName: string,
  graceMs: number,
): Promise<'SIGTERM' | 'SIGKILL' | undefined> {
  if (!(await isProcessAlive(pid, programName))) return undefined;
  signal(pid, 'SIGTERM');
  if (await waitForExit(pid, programName, graceMs)) return 'SIGTERM';
  signal(pid, 'SIGKILL');
  await waitForExit(pid, programName, 5_000);
  return 'SIGKILL';
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(-pid, name);
  } catch {
    try {
      process.kill(pid, name);
    } catch {
      // Already gone between the check and the signal.
    }
  }
}

async function waitForExit(pid: number, programName: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await isProcessAlive(pid, programName))) return true;
    await sleep(POLL_MS);
  }
  return !(await isProcessAlive(pid, programName));
}
