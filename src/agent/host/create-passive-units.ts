import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkPathSegment } from './check-path-segment.js';
import type { HostLayout } from './host-layout.js';
import { HostStepError } from './host-step-error.js';
import type { ServicePort } from './service-port.js';

/**
 * Units the exec adapter does not run itself (timers, one-shot jobs): a unit file under `etc/systemd/system`
 * is active unless a `run/dten/<unit>.stopped` marker says it was stopped, the way `systemctl stop` would leave it.
 */
export function createPassiveUnits(layout: HostLayout): ServicePort {
  const marker = (unit: string): string => join(layout.runDir, `${checkPathSegment('unit name', unit)}.stopped`);
  const hasUnitFile = (unit: string): Promise<boolean> =>
    access(join(layout.systemdDir, checkPathSegment('unit name', unit))).then(
      () => true,
      () => false,
    );
  const port: ServicePort = {
    async start(unit) {
      if (!(await hasUnitFile(unit))) throw new HostStepError('unknown-unit', { unit });
      await rm(marker(unit), { force: true });
    },
    async stop(unit) {
      if (!(await hasUnitFile(unit))) return;
      await mkdir(layout.runDir, { recursive: true });
      await writeFile(marker(unit), `${new Date().toISOString()}\n`);
    },
    checkUnit: (unit) => void checkPathSegment('unit name', unit),
    async isActive(unit) {
      if (!(await hasUnitFile(unit))) return false;
      return access(marker(unit)).then(
        () => false,
        () => true,
      );
    },
    async restart(unit) {
      await port.start(unit);
    },
  };
  return port;
}
