import { checkUnitName } from './check-unit-name.js';
import { HostStepError } from './host-step-error.js';
import { runCommand, type RunCommand } from './run-command.js';
import type { ServicePort } from './service-port.js';
import { excerptOutput } from './excerpt-output.js';

export interface SystemdServiceAdapterOptions {
  /** Injected by tests, which can only check the argv it would run. */
  run?: RunCommand;
  systemctl?: string;
  timeoutMs?: number;
}

/**
 * The systemd adapter: systemctl through execFile. Starting reloads unit files first, because the install step
 * has just written new (and renamed) ones under /etc/systemd/system.
 */
export function createSystemdServiceAdapter(options: SystemdServiceAdapterOptions = {}): ServicePort {
  const run = options.run ?? runCommand;
  const systemctl = options.systemctl ?? 'systemctl';
  const call = async (...args: string[]): Promise<number> => {
    const result = await run(systemctl, args, { timeoutMs: options.timeoutMs ?? 120_000 });
    return result.code === 0 || args[0] === 'is-active' ? result.code : fail(args, result.stderr);
  };
  const isActive = async (unit: string): Promise<boolean> =>
    (await call('is-active', '--quiet', checkUnitName(unit))) === 0;
  return {
    async start(unit) {
      checkUnitName(unit);
      await call('daemon-reload');
      await call('start', unit);
    },
    async stop(unit) {
      // An old unit name may no longer be loaded at all: systemctl stop would fail on it, so ask first.
      if (await isActive(unit)) await call('stop', unit);
    },
    isActive,
    checkUnit: (unit) => void checkUnitName(unit),
    async restart(unit) {
      checkUnitName(unit);
      await call('daemon-reload');
      await call('restart', unit);
    },
  };
}

function fail(args: string[], stderr: string): never {
  const detail =
    excerptOutput(stderr.trim().split('\n').slice(-3).join(' ')).replace(/[.\s]+$/, '') || 'no error output';
  throw new HostStepError('systemctl-failed', { args: args.join(' '), detail });
}
