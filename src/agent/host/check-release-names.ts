import type { Manifest } from '../../core/manifest/manifest-schema.js';
import { normalizeFolder } from '../../preflight/detectors/migration-lock/find-migrations.js';
import type { HostLayout } from './host-layout.js';
import { resolveInside } from './resolve-inside.js';
import type { ServicePort } from './service-port.js';
import { unitNamesOf } from './unit-names-of.js';

/**
 * Every name in the manifest that the install turns into a path or hands to the service manager: config files (live
 * under etc/dten and in the release), certificates, scripts, the migrations folder, units under their old and new
 * names. Throws the refusal the step itself would throw later (`unsafe-path`, `unsafe-name`), so a package is refused
 * before schedules are paused and services stopped, not halfway through. Cleanup hooks are not here: a bad one
 * leaves only its own item to a person, after the upgrade itself went well.
 */
export function checkReleaseNames(
  layout: HostLayout,
  release: { dir: string; manifest: Manifest },
  services: ServicePort,
): void {
  const { dir, manifest } = release;
  for (const change of manifest.config) {
    layout.liveConfigFile(change.file);
    resolveInside(dir, change.file, 'config file named in the manifest');
  }
  for (const cert of manifest.certificates) resolveInside(dir, cert, 'certificate in the manifest');
  const { preinstall, install, postinstall, rollback, cleanup } = manifest.scripts;
  for (const script of [preinstall, install, postinstall, rollback, cleanup]) {
    if (script !== undefined) resolveInside(dir, script, 'script named in the manifest');
  }
  // The release itself (`.` or `./`) is a folder the migrations may live in; anything that leaves it is not.
  const migrations = normalizeFolder(manifest.migrations ?? 'migrations/');
  if (migrations !== '') resolveInside(dir, migrations, 'migrations folder named in the manifest');
  for (const service of manifest.services) for (const unit of unitNamesOf(service)) services.checkUnit(unit);
}
