import { open } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

const POLL_MS = 50;
const TAIL_CHARS = 600;

export type LogWait = { matched: RegExpExecArray } | { matched: undefined; reason: 'exited' | 'timeout'; tail: string };

/**
 * Watches a log file from byte `offset` until a line matches `pattern`, the process exits, or `timeoutMs` passes.
 * The service writes to a file (not a pipe) so it keeps running when the agent dies; hence polling.
 */
export async function waitForLogLine(
  file: string,
  offset: number,
  pattern: RegExp,
  hasExited: () => boolean,
  timeoutMs: number,
): Promise<LogWait> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const exited = hasExited();
    const text = await readFrom(file, offset);
    const matched = pattern.exec(text);
    if (matched) return { matched };
    if (exited || Date.now() >= deadline) {
      return { matched: undefined, reason: exited ? 'exited' : 'timeout', tail: text.slice(-TAIL_CHARS).trim() };
    }
    await sleep(POLL_MS);
  }
}

async function readFrom(file: string, offset: number): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.max(0, Math.min(size - offset, 1024 * 1024)));
    await handle.read(buffer, 0, buffer.length, offset);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}
