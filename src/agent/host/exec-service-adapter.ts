import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { checkPathSegment } from './check-path-segment.js';
import { createPassiveUnits } from './create-passive-units.js';
import type { HostLayout } from './host-layout.js';
import { HostStepError, type HostStepErrorCode } from './host-step-error.js';
import { isProcessAlive } from './is-process-alive.js';
import { pathExists } from './path-exists.js';
import { readConfiguredPort } from './read-configured-port.js';
import { readReleaseUnit } from './read-release-unit.js';
import { resolveInside } from './resolve-inside.js';
import type { ServicePort } from './service-port.js';
import { spawnServiceProcess } from './spawn-service-process.js';
import { stopProcessGroup } from './stop-process-group.js';

const REFUSED_UNIT: ReadonlySet<HostStepErrorCode> = new Set(['unit-unusable', 'unit-outside-release']);

export interface ExecServiceAdapterOptions {
  layout: HostLayout;
  /** The service's whole environment (see pickChildEnv); `DTEN_ROOT` is added. */
  env: Readonly<Record<string, string>>;
  /** Passed as `--port`; when absent, the value of `portKey` (default `dten.listen.port`) in the live config. */
  port?: number;
  portKey?: string;
  readyPattern?: RegExp;
  startTimeoutMs?: number;
  stopTimeoutMs?: number;
}

export interface ExecServiceAdapter extends ServicePort {
  /** The port the running unit announced, for the health check. */
  portOf(unit: string): Promise<number | undefined>;
}

/**
 * The exec adapter: the agent runs a service itself, as the current release's unit file says (`readReleaseUnit`),
 * adding `--port <port>`; its pid and program name go to `run/dten/<unit>.pid` and `.program`, its output to
 * `var/log/dten/<unit>.log`. A unit the release does not run as a service is passive (timers, one-shot jobs).
 */
export function createExecServiceAdapter(options: ExecServiceAdapterOptions): ExecServiceAdapter {
  const { layout } = options;
  const passive = createPassiveUnits(layout);
  const runFile = (unit: string, ext: string): string =>
    join(layout.runDir, `${checkPathSegment('unit name', unit)}.${ext}`);
  const readNumber = async (file: string): Promise<number | undefined> => {
    const value = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    return Number.isInteger(value) && value > 0 ? value : undefined;
  };
  // What was started is recorded, so it can be checked and stopped whichever release `current` points at by then.
  const startedProcess = async (unit: string): Promise<{ pid: number; program: string } | undefined> => {
    const pid = await readNumber(runFile(unit, 'pid'));
    const program = (await readFile(runFile(unit, 'program'), 'utf8').catch(() => '')).trim();
    return pid === undefined || program === '' ? undefined : { pid, program };
  };
  const forget = async (unit: string): Promise<void> => {
    for (const ext of ['pid', 'port', 'program']) await rm(runFile(unit, ext), { force: true });
  };
  // A unit the release ships but the adapter refuses to run cannot be running: only `start` reports the refusal.
  const isReleaseService = async (unit: string): Promise<boolean> => {
    try {
      return (await readReleaseUnit(layout, unit)) !== undefined;
    } catch (error) {
      if (error instanceof HostStepError && REFUSED_UNIT.has((error as HostStepError).code)) return true;
      throw error;
    }
  };
  const isActive = async (unit: string): Promise<boolean> => {
    const started = await startedProcess(unit);
    if (started !== undefined) return isProcessAlive(started.pid, started.program);
    return (await isReleaseService(unit)) ? false : passive.isActive(unit);
  };
  const stop = async (unit: string): Promise<void> => {
    const started = await startedProcess(unit);
    if (started !== undefined) await stopProcessGroup(started.pid, started.program, options.stopTimeoutMs ?? 10_000);
    else if (!(await isReleaseService(unit))) return passive.stop(unit);
    await forget(unit);
  };
  const start = async (unit: string): Promise<void> => {
    const spec = await readReleaseUnit(layout, unit);
    if (spec === undefined) return passive.start(unit);
    if (await isActive(unit)) {
      if (await pathExists(runFile(unit, 'port'))) return;
      // Running, but its port was never written: an agent killed between starting it and recording the port. Nobody
      // could health-check it, so it is started again and its port learnt.
      await stop(unit);
    }
    const port =
      options.port ??
      (spec.config === undefined
        ? undefined
        : await readConfiguredPort(spec.config, options.portKey ?? 'dten.listen.port'));
    await mkdir(layout.runDir, { recursive: true });
    await writeFile(runFile(unit, 'program'), `${basename(spec.program)}\n`);
    const started = await spawnServiceProcess({
      unit,
      program: resolveInside(layout.currentLink, spec.program, 'program of a unit'),
      args: [...spec.args, ...(port === undefined ? [] : ['--port', String(port)])],
      cwd: layout.root,
      env: { ...options.env, DTEN_ROOT: layout.root },
      logFile: join(layout.logDir, `${checkPathSegment('unit name', unit)}.log`),
      pidFile: runFile(unit, 'pid'),
      readyPattern: options.readyPattern ?? /^listening (\d+)$/m,
      startTimeoutMs: options.startTimeoutMs ?? 15_000,
    }).catch(async (error: unknown) => {
      await forget(unit);
      throw error;
    });
    await writeFile(runFile(unit, 'port'), `${started.port ?? port ?? ''}\n`);
  };
  return {
    start,
    stop,
    isActive,
    checkUnit: (unit) => passive.checkUnit(unit),
    restart: async (unit) => {
      await stop(unit);
      await start(unit);
    },
    portOf: (unit) => readNumber(runFile(unit, 'port')),
  };
}
