import type { Manifest } from '../../core/manifest/manifest-schema.js';
import type { ServicePort } from './service-port.js';
import { unitNamesOf } from './unit-names-of.js';

/**
 * Stops every unit of the manifest's services that is running, under its old name (`renamedFrom`) or its new one.
 * Returns the names it stopped: rollback starts exactly those again.
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
