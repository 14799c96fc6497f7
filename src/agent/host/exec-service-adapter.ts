import { readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { checkPathSegment } from './check-path-segment.js';
import { createPassiveUnits } from './create-passive-units.js';
import type { HostLayout } from './host-layout.js';
import { isProcessAlive } from './is-process-alive.js';
import { readConfiguredPort } from './read-configured-port.js';
import { resolveInside } from './resolve-inside.js';
import type { ServicePort } from './service-port.js';
import { spawnServiceProcess } from './spawn-service-process.js';
import { stopProcessGroup } from './stop-process-group.js';

/** What a unit runs: a program of the current release (`bin/dten-server`) and its config under `etc/dten/`. */
export interface ExecUnit {
  program: string;
  config: string;
}

export interface ExecServiceAdapterOptions {
  layout: HostLayout;
  units: Readonly<Record<string, ExecUnit>>;
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
 * The exec adapter: the agent runs `<current>/<program> --config <file> --port <port>` itself, with its pid in
 * `run/dten/<unit>.pid` and output in `var/log/dten/<unit>.log`. Units outside the map are passive (timers).
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
  const isActive = async (unit: string, spec: ExecUnit): Promise<boolean> => {
    const pid = await readNumber(runFile(unit, 'pid'));
    return pid !== undefined && (await isProcessAlive(pid, basename(spec.program)));
  };
  const stop = async (unit: string, spec: ExecUnit): Promise<void> => {
    const pid = await readNumber(runFile(unit, 'pid'));
    if (pid !== undefined) await stopProcessGroup(pid, basename(spec.program), options.stopTimeoutMs ?? 10_000);
    await rm(runFile(unit, 'pid'), { force: true });
    await rm(runFile(unit, 'port'), { force: true });
  };
  const start = async (unit: string, spec: ExecUnit): Promise<void> => {
    if (await isActive(unit, spec)) return;
    const configFile = resolveInside(layout.configDir, spec.config, 'config file of a unit');
    const port = options.port ?? (await readConfiguredPort(configFile, options.portKey ?? 'dten.listen.port'));
    const started = await spawnServiceProcess({
      unit,
      program: resolveInside(layout.currentLink, spec.program, 'program of a unit'),
      args: ['--config', configFile, ...(port === undefined ? [] : ['--port', String(port)])],
      cwd: layout.root,
      env: { ...options.env, DTEN_ROOT: layout.root },
      logFile: join(layout.logDir, `${checkPathSegment('unit name', unit)}.log`),
      pidFile: runFile(unit, 'pid'),
      readyPattern: options.readyPattern ?? /^listening (\d+)$/m,
      startTimeoutMs: options.startTimeoutMs ?? 15_000,
    });
    await writeFile(runFile(unit, 'port'), `${started.port ?? port ?? ''}\n`);
  };
  const route =
    <T>(run: (unit: string, spec: ExecUnit) => Promise<T>, other: (unit: string) => Promise<T>) =>
    (unit: string): Promise<T> => {
      const spec = options.units[unit];
      return spec === undefined ? other(unit) : run(unit, spec);
    };
  return {
    start: route(start, (unit) => passive.start(unit)),
    stop: route(stop, (unit) => passive.stop(unit)),
    isActive: route(isActive, (unit) => passive.isActive(unit)),
    restart: route(
      async (unit, spec) => {
        await stop(unit, spec);
        await start(unit, spec);
      },
      (unit) => passive.restart(unit),
    ),
    portOf: (unit) => readNumber(runFile(unit, 'port')),
  };
}
