import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchMessage, FleetMessage } from './fleet-message.js';

export interface FleetProcesses {
  /** The processes' ids, for their CPU time. */
  pids: number[];
  /**
   * `noop` mode: one more job is on its way to each host of `hostIndexes` (an index may repeat); resolves when every
   * process has completed all the jobs it was told of so far. Each process answers once, not once per job.
   */
  drained(hostIndexes: readonly number[]): Promise<void>;
  /** Rejects when a process ends before it was asked to close (its error is on stderr). */
  lost: Promise<never>;
  /** Closes the Workers and ends the processes: the jobs they ran and each one's peak RSS. */
  close(): Promise<{ jobs: number; maxRssKiB: number[] }>;
}

/** `hosts` simulated hosts split over `processes` forked fleet processes; resolves once every Worker is connected. */
export async function startFleetProcesses(options: {
  mode: 'agent' | 'noop';
  hosts: number;
  processes: number;
  env: NodeJS.ProcessEnv;
}): Promise<FleetProcesses> {
  const script = fileURLToPath(new URL('./fleet-process.ts', import.meta.url));
  const share = Math.ceil(options.hosts / options.processes);
  const children: ChildProcess[] = [];
  for (let first = 0; first < options.hosts; first += share) {
    const count = Math.min(share, options.hosts - first);
    const args = [options.mode, String(first), String(count)];
    children.push(fork(script, args, { env: options.env, execArgv: ['--import', 'tsx'] }));
  }
  const next = (child: ChildProcess, kind: FleetMessage['kind']): Promise<FleetMessage> =>
    new Promise((resolve, reject) => {
      const onMessage = (message: FleetMessage): void => {
        if (message.kind !== kind) return;
        child.off('message', onMessage).off('exit', onExit);
        resolve(message);
      };
      const onExit = (code: number | null): void =>
        reject(new Error(`a fleet process exited (code ${code}) before it said ${kind}`));
      child.on('message', onMessage).once('exit', onExit);
    });
  let closing: ReturnType<FleetProcesses['close']> | undefined;
  const lost = new Promise<never>((_, reject) => {
    for (const child of children) {
      child.once('exit', (code) => {
        if (!closing) reject(new Error(`a fleet process exited (code ${code}) during the run`));
      });
    }
  });
  // It may go unobserved: an unhandled rejection would end the bench before it cleans up.
  lost.catch(() => undefined);
  try {
    await Promise.all(children.map((child) => next(child, 'ready')));
  } catch (error) {
    for (const child of children) child.kill();
    throw error;
  }
  const close = async (): ReturnType<FleetProcesses['close']> => {
    const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
    const closed = running.map((child) => next(child, 'closed'));
    const exited = running.map((child) => new Promise((resolve) => child.once('exit', resolve)));
    for (const child of running) child.send({ kind: 'close' });
    try {
      const answers = (await Promise.all(closed)) as Array<Extract<FleetMessage, { kind: 'closed' }>>;
      if (running.length < children.length) throw new Error('a fleet process had ended before the bench closed it');
      return {
        jobs: answers.reduce((sum, answer) => sum + answer.jobs, 0),
        maxRssKiB: answers.map((answer) => answer.maxRssKiB),
      };
    } finally {
      for (const child of running) if (child.exitCode === null) child.kill();
      await Promise.all(exited);
    }
  };
  const expected = children.map(() => 0);
  const drained = async (hostIndexes: readonly number[]): Promise<void> => {
    const before = [...expected];
    for (const index of hostIndexes) expected[Math.floor(index / share)]! += 1;
    const waits = children.flatMap((child, i) => {
      if (expected[i] === before[i]) return [];
      const answered = next(child, 'drained');
      const message: BenchMessage = { kind: 'expect', total: expected[i]! };
      child.send(message);
      return [answered];
    });
    await Promise.race([Promise.all(waits), lost]);
  };
  return {
    pids: children.map((child) => child.pid ?? 0),
    drained,
    lost,
    close: () => (closing ??= close()),
  };
}
