import type { Manifest } from '../../core/manifest/manifest-schema.js';

/** A service's unit names, the old one first: after a rename the old unit may still be the one that runs. */
export function unitNamesOf(service: Manifest['services'][number]): string[] {
  return service.renamedFrom === undefined ? [service.unit] : [service.renamedFrom, service.unit];
}
