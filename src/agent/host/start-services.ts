import type { Manifest } from '../../core/manifest/manifest-schema.js';
import type { ServicePort } from './service-port.js';

/** Starts each service under its new name; an old name left running is stopped first, so one copy runs. */
export async function startServices(port: ServicePort, services: Manifest['services']): Promise<string[]> {
  const started: string[] = [];
  for (const service of services) {
    if (service.renamedFrom !== undefined && (await port.isActive(service.renamedFrom))) {
      await port.stop(service.renamedFrom);
    }
    await port.start(service.unit);
    started.push(service.unit);
  }
  return started;
}
