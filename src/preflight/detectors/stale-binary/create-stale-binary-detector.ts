import type { Manifest } from '../../../core/manifest/manifest-schema.js';
import type { DetectorFactory, FileMeta } from '../../detector.js';
import { describeBinaryAge, formatDay, type GatheredBinary, type ReferenceDate } from './describe-binary-age.js';
import { findEmbeddedVersion } from './find-embedded-version.js';
import { identifyExecutable } from './identify-executable.js';

/** Before this, a stamp is an unset zip time (1980) or a PE field holding a reproducible-build hash. */
const EARLIEST_PLAUSIBLE = Date.parse('1995-01-01T00:00:00Z');
const DAY_MS = 86_400_000;

/**
 * ELF, PE and Mach-O executables whose timestamp (PE link time, else the archive time) is far older than the
 * manifest's buildDate, or newer than it; without a manifest, the newest file of the package is the reference.
 */
export const createStaleBinaryDetector: DetectorFactory = ({ manifest, options }) => {
  const binaries: GatheredBinary[] = [];
  const plausible = (date: Date | undefined): date is Date =>
    date !== undefined && date.getTime() >= EARLIEST_PLAUSIBLE;
  // A PE stamp after "now" is a reproducible-build hash, not a time; an archive time there is worth reporting.
  const plausibleLink = (date: Date | undefined): date is Date =>
    plausible(date) && date.getTime() <= options.now.getTime() + DAY_MS;
  return {
    id: 'stale-binary',
    scanBinary(file) {
      const executable = identifyExecutable(file.head);
      if (executable === undefined) return [];
      const linked = plausibleLink(executable.linkedAt);
      const stamp = linked ? executable.linkedAt : file.meta.mtime;
      if (!plausible(stamp)) return [];
      binaries.push({
        ...executable,
        path: file.meta.path,
        stamp,
        stampSource: linked ? 'linked' : 'modified',
        embeddedVersion: manifest ? findEmbeddedVersion(file.head, manifest.name) : undefined,
      });
      return [];
    },
    finish(files) {
      const reference = chooseReference(
        manifest,
        files.filter((meta) => plausible(meta.mtime)),
      );
      if (reference === undefined) return [];
      return binaries.flatMap((binary) => describeBinaryAge(binary, reference, options.staleBinaryDays));
    },
  };
};

function chooseReference(manifest: Manifest | undefined, files: readonly FileMeta[]): ReferenceDate | undefined {
  if (manifest) {
    const date = new Date(manifest.buildDate);
    return { date, label: `the package build date (${formatDay(date)})`, version: manifest.version };
  }
  const newest = files.reduce<FileMeta | undefined>(
    (best, meta) => (best && best.mtime >= meta.mtime ? best : meta),
    undefined,
  );
  if (newest === undefined) return undefined;
  return {
    date: newest.mtime,
    label: `the newest file in the package (${newest.path}, ${formatDay(newest.mtime)})`,
    version: undefined,
  };
}
