import type { Manifest } from '../../core/manifest/manifest-schema.js';
import type { ServicePort } from './service-port.js';
import { unitNamesOf } from './unit-names-of.js';

/**
 * Every unit the manifest names, old and new, by the service adapter's own rule (the exec adapter makes a folder of
 * each), so a package is refused before schedules are paused and services stopped, not halfway through. Paths need no
 * such check here: the manifest schema refuses any that would leave the package when the release's manifest is read.
 */
export function checkManifestUnits(manifest: Manifest, services: ServicePort): void {
  for (const service of manifest.services) for (const unit of unitNamesOf(service)) services.checkUnit(unit);
}
