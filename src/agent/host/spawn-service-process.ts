import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, open, rm, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { HostStepError } from './host-step-error.js';
import { stopProcessGroup } from './stop-process-group.js';
import { waitForLogLine } from './wait-for-log-line.js';
import { excerptOutput } from './excerpt-output.js';

export interface ServiceProcessSpec {
  unit: string;
  program: string;
  args: string[];
  cwd: string;
  env: Readonly<Record<string, string>>;
  logFile: string;
  pidFile: string;
  /** The line that says the service is up; its first group, when it has one, is the port it listens on. */
  readyPattern: RegExp;
  startTimeoutMs: number;
}

/**
 * Starts a service detached, in its own process group, with its output appended to a file (not a pipe, so it
 * outlives the agent), records its pid, and waits for its ready line. A service that exits or stays silent is
 * stopped and refused with its last output.
 */
export async function spawnServiceProcess(
  spec: ServiceProcessSpec,
): Promise<{ pid: number; port: number | undefined }> {
  await mkdir(dirname(spec.logFile), { recursive: true });
  await mkdir(dirname(spec.pidFile), { recursive: true });
  const log = await open(spec.logFile, 'a');
  const offset = (await log.stat()).size;
  const child = spawn(spec.program, spec.args, {
    cwd: spec.cwd,
    detached: true,
    stdio: ['ignore', log.fd, log.fd],
    env: { ...spec.env },
  });
  // Awaited before anything else: a program that cannot be run (no exec bit) rejects it at once, and a rejection
  // nobody awaits yet ends the agent's whole process.
  try {
    await once(child, 'spawn');
  } catch (error) {
    const detail = `${spec.program} could not be run (${error instanceof Error ? error.message : String(error)})`;
    throw new HostStepError('service-failed', { unit: spec.unit, detail });
  } finally {
    await log.close();
  }
  const pid = child.pid ?? 0;
  child.unref();
  await writeFile(spec.pidFile, `${pid}\n`);
  const exited = (): boolean => child.exitCode !== null || child.signalCode !== null;
  const ready = await waitForLogLine(spec.logFile, offset, spec.readyPattern, exited, spec.startTimeoutMs);
  if (ready.matched === undefined) {
    await stopProcessGroup(pid, basename(spec.program), 5_000);
    await rm(spec.pidFile, { force: true });
    const why = ready.reason === 'exited' ? 'it exited at once' : 'it did not say it was ready in time';
    throw new HostStepError('service-failed', {
      unit: spec.unit,
      detail: `${why}; its last output: ${excerptOutput(ready.tail) || '(none)'}`,
    });
  }
  const port = ready.matched[1] === undefined ? undefined : Number(ready.matched[1]);
  return { pid, port };
}
