import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const TSX = fileURLToPath(import.meta.resolve('tsx'));

/** A `dten` child process as an operator runs it: configured only through its environment, output to a log file. */
export interface DtenProcess {
  readonly child: ChildProcess;
  readonly logFile: string;
  isRunning(): boolean;
  /** kill -9, and wait until it is gone. */
  kill9(): Promise<void>;
  /** SIGTERM, then kill -9 when it has not stopped within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** The last lines of its log, for a failure message. */
  tail(lines?: number): Promise<string>;
}

export function spawnDten(
  args: readonly string[],
  options: { cwd: string; env: Record<string, string>; logFile: string },
): DtenProcess {
  const log = openSync(options.logFile, 'a');
  const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const isRunning = (): boolean => child.exitCode === null && child.signalCode === null;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill9 = async (): Promise<void> => {
    if (isRunning()) child.kill('SIGKILL');
    await exited;
  };
  return {
    child,
    logFile: options.logFile,
    isRunning,
    kill9,
    async stop(graceMs = 10_000) {
      if (!isRunning()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => void kill9(), graceMs);
      await exited;
      clearTimeout(timer);
    },
    async tail(lines = 20) {
      const text = await readFile(options.logFile, 'utf8').catch(() => '');
      return text.trimEnd().split('\n').slice(-lines).join('\n');
    },
  };
}
