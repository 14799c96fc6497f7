import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { open, readFile } from 'node:fs/promises';
import { findCliEntry } from './find-cli-entry.js';

export interface LocalAgent {
  hostId: string;
  child: ChildProcess;
  /** The agent's own log (its stderr). */
  logFile: string;
  exited(): boolean;
  /** The end of its log, to say why it stopped. */
  tail(): Promise<string>;
  /** SIGTERM, then SIGKILL when it has not stopped after `graceMs`. */
  stop(graceMs: number): Promise<void>;
}

/** `dten agent` for one local host, as its own process, configured only through `env`. */
export async function spawnLocalAgent(options: {
  hostId: string;
  root: string;
  labels: Readonly<Record<string, string>>;
  env: Readonly<Record<string, string>>;
  cwd: string;
  logFile: string;
}): Promise<LocalAgent> {
  const cli = findCliEntry();
  const labels = Object.entries(options.labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
  const log = await open(options.logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(
      cli.command,
      [...cli.args, 'agent', '--host', options.hostId, '--root', options.root, '--labels', labels],
      { cwd: options.cwd, env: { ...options.env }, stdio: ['ignore', log.fd, log.fd] },
    );
    await once(child, 'spawn');
  } finally {
    await log.close();
  }
  const exited = (): boolean => child.exitCode !== null || child.signalCode !== null;
  return {
    hostId: options.hostId,
    child,
    logFile: options.logFile,
    exited,
    tail: async () => (await readFile(options.logFile, 'utf8').catch(() => '')).trim().split('\n').slice(-5).join('\n'),
    async stop(graceMs) {
      if (exited()) return;
      const gone = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await gone;
      clearTimeout(timer);
    },
  };
}
