import type { Manifest } from '../../core/manifest/manifest-schema.js';
import type { ServicePort } from './service-port.js';
import { unitNamesOf } from './unit-names-of.js';

/** The units of the manifest's services that are running now, under their old names (`renamedFrom`) or new ones. */
export async function runningUnits(port: ServicePort, services: Manifest['services']): Promise<string[]> {
  const running: string[] = [];
  for (const service of services) {
    for (const unit of unitNamesOf(service)) {
      if (!running.includes(unit) && (await port.isActive(unit))) running.push(unit);
    }
  }
  return running;
}

/**
 * Stops every unit of the manifest's services that is running, under its old name (`renamedFrom`) or its new one.
 * Returns the names it stopped.
 */
export async function stopServices(port: ServicePort, services: Manifest['services']): Promise<string[]> {
  const stopped: string[] = [];
  for (const service of services) {
    for (const unit of unitNamesOf(service)) {
      if (stopped.includes(unit) || !(await port.isActive(unit))) continue;
      await port.stop(unit);
      stopped.push(unit);
    }
  }
  return stopped;
}
